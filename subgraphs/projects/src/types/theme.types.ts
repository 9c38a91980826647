import { Field, ObjectType } from "type-graphql";

/** One theme of the Aides-Territoires taxonomy, as projects carry it (`Project.themes` holds slugs). */
@ObjectType({ description: "A theme of the Aides-Territoires taxonomy: what `Project.themes`, filters and assignments hold (the slug), and its French name." })
export class Theme {
  @Field(() => String, { description: 'The slug projects carry (e.g. "eau").' })
  slug!: string;

  @Field(() => String, { description: 'Its French name, as Aides-Territoires shows it (e.g. "Eau et milieux aquatiques").' })
  name!: string;
}
