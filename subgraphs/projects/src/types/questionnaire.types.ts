import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Document } from "../entities/document.entity";
import { QuestionKind } from "../entities/questionnaire.entity";

@InputType({ description: "A choice: a stable value, a label, the tags it gives." })
export class QuestionChoiceInput {
  @Field({ description: "Lower-case words joined by hyphens, at most 60 characters." })
  value!: string;

  @Field()
  label!: string;

  @Field(() => [String], { nullable: true, description: 'Tags (same form as values, e.g. "chauffage-fioul"), at most 10.' })
  tags?: string[] | null;
}

@InputType({ description: "Shown only when an earlier choice question has one of these values." })
export class QuestionConditionInput {
  @Field(() => ID)
  questionId!: string;

  @Field(() => [String])
  values!: string[];
}

@InputType({ description: "A question: keep its id from one version to the next so that answers carry over." })
export class QuestionInput {
  @Field(() => ID, { description: "Lower-case words joined by hyphens, unique in the questionnaire." })
  id!: string;

  @Field()
  label!: string;

  @Field(() => String, { nullable: true })
  help?: string | null;

  @Field(() => QuestionKind)
  kind!: QuestionKind;

  @Field(() => [QuestionChoiceInput], { nullable: true, description: "2 to 30 for choice questions, none for TEXT." })
  choices?: QuestionChoiceInput[] | null;

  @Field(() => QuestionConditionInput, { nullable: true })
  showIf?: QuestionConditionInput | null;
}

@InputType({ description: "A set of questions under a title." })
export class QuestionSetInput {
  @Field()
  title!: string;

  @Field(() => [QuestionInput])
  questions!: QuestionInput[];
}

@InputType({ description: "A whole questionnaire: saving it writes its next version (earlier answers keep theirs)." })
export class QuestionnaireInput {
  @Field({ description: "A theme slug of `themes`; one questionnaire per theme." })
  theme!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [QuestionSetInput], { description: "1 to 20 sets, at most 100 questions in all." })
  sets!: QuestionSetInput[];
}

@InputType({ description: "One answer; an answer with nothing in it removes the question's answer." })
export class AnswerInput {
  @Field(() => ID)
  questionId!: string;

  @Field(() => [String], { nullable: true, description: "Choice values (one for SINGLE_CHOICE)." })
  choices?: string[] | null;

  @Field(() => String, { nullable: true, description: "The answer of a TEXT question (at most 5,000 characters)." })
  text?: string | null;

  @Field(() => String, { nullable: true, description: "A comment on the answer (at most 2,000 characters)." })
  comment?: string | null;

  @Field(() => ID, { nullable: true, description: "A document of the project's documents, attached to the answer." })
  documentId?: string | null;
}

@InputType({ description: "Answers saved as they are given: only the questions named change." })
export class AnswerQuestionnaireInput {
  @Field(() => ID)
  projectId!: string;

  @Field(() => ID, { description: "The questionnaire version answered: its current version (CONFLICT for an older one)." })
  questionnaireVersionId!: string;

  @Field(() => [AnswerInput])
  answers!: AnswerInput[];
}

@ObjectType({ description: "An answer to one question." })
export class QuestionAnswer {
  @Field(() => ID)
  questionId!: string;

  @Field(() => [String])
  choices!: string[];

  @Field(() => String, { nullable: true })
  text!: string | null;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => Document, { nullable: true, description: "The attached document (null when none, or deleted since)." })
  document!: Document | null;

  @Field()
  answeredAt!: Date;
}
