import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** How a question is answered. */
export enum QuestionKind {
  SINGLE_CHOICE = "SINGLE_CHOICE",
  MULTIPLE_CHOICE = "MULTIPLE_CHOICE",
  TEXT = "TEXT",
}
registerEnumType(QuestionKind, { name: "QuestionKind", description: "SINGLE_CHOICE: one choice; MULTIPLE_CHOICE: any number of choices; TEXT: free text." });

@ObjectType({ description: "A choice of a question; choosing it gives the project its tags." })
export class QuestionChoice {
  @Field({ description: "Stable within the questionnaire's versions (what answers store)." })
  value!: string;

  @Field()
  label!: string;

  @Field(() => [String], { description: "Tags the project gets when this choice is made (and its question shown)." })
  tags!: string[];
}

@ObjectType({ description: "A question shown only when an earlier choice question has one of the given values." })
export class QuestionCondition {
  @Field(() => ID, { description: "An earlier question (a choice question) of the same questionnaire." })
  questionId!: string;

  @Field(() => [String], { description: "Shown when that question's answer has any of these values." })
  values!: string[];
}

@ObjectType({ description: "A question of a questionnaire." })
export class Question {
  @Field(() => ID, { description: "Stable across versions: an answer to it carries over to a new version that keeps it." })
  id!: string;

  @Field()
  label!: string;

  @Field(() => String, { nullable: true, description: "A hint under the label." })
  help!: string | null;

  @Field(() => QuestionKind)
  kind!: QuestionKind;

  @Field(() => [QuestionChoice], { description: "Empty for TEXT questions." })
  choices!: QuestionChoice[];

  @Field(() => QuestionCondition, { nullable: true, description: "Null: always shown." })
  showIf!: QuestionCondition | null;
}

@ObjectType({ description: "A set of questions under a title." })
export class QuestionSet {
  @Field()
  title!: string;

  @Field(() => [Question])
  questions!: Question[];
}

/** A theme's questionnaire: its versions are `questionnaire_version` rows, the last one current. */
@Entity("questionnaire")
@ObjectType({ description: "The questionnaire of a theme (the état des lieux): its current version and its history." })
export class Questionnaire {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("text", { unique: true })
  @Field({ description: "The theme slug it is about (one questionnaire per theme)." })
  theme!: string;

  @Column("integer", { name: "current_version" })
  @Field(() => Int, { description: "The number of its current version; pass it back to saveQuestionnaire." })
  currentVersion!: number;

  @Column("timestamptz", { name: "created_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  createdAt!: Date;
}

/** One version of a questionnaire, never changed once written: answers point to it. */
@Entity("questionnaire_version")
@ObjectType({ description: "One version of a questionnaire, as answers saw it (never changed once written)." })
export class QuestionnaireVersion {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("uuid", { name: "questionnaire_id" })
  questionnaireId!: string;

  @Column("integer")
  @Field(() => Int)
  version!: number;

  @Column("text")
  @Field()
  title!: string;

  @Column("text", { default: "" })
  @Field()
  description!: string;

  @Column("jsonb")
  @Field(() => [QuestionSet])
  sets!: QuestionSet[];

  @Column("uuid", { name: "created_by", nullable: true })
  createdBy!: string | null;

  @Column("timestamptz", { name: "created_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  createdAt!: Date;
}

/** One answer, as stored in a response's `answers`. */
export interface StoredAnswer {
  questionId: string;
  choices: string[];
  text: string | null;
  comment: string | null;
  documentId: string | null;
  answeredBy: string | null;
  answeredAt: string;
}

/** A project's answers to one version of a questionnaire, saved as they are given. */
@Entity("questionnaire_response")
@ObjectType({ description: "A project's answers to one version of a theme's questionnaire (saved as you go)." })
export class QuestionnaireResponse {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("uuid", { name: "project_id" })
  projectId!: string;

  @Column("uuid", { name: "questionnaire_id" })
  questionnaireId!: string;

  @Column("uuid", { name: "version_id" })
  versionId!: string;

  @Column("jsonb", { default: () => "'[]'" })
  answers!: StoredAnswer[];

  @Column("text", { array: true, default: () => "'{}'" })
  @Field(() => [String], { description: "The tags its answers give (choices of questions shown), sorted." })
  tags!: string[];

  @Column("uuid", { name: "updated_by", nullable: true })
  updatedBy!: string | null;

  @Column("timestamptz", { name: "created_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  createdAt!: Date;

  @Column("timestamptz", { name: "updated_at", default: () => "date_trunc('milliseconds', now())" })
  @Field()
  updatedAt!: Date;
}
