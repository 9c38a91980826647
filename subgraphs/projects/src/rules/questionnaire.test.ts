import { QuestionKind, type StoredAnswer } from "../entities/questionnaire.entity";
import { applyAnswers, carryOver, tagsOf, validateDefinition, type DefinitionInput } from "./questionnaire";

const input: DefinitionInput = {
  title: "Mobilité",
  sets: [
    {
      title: "Besoins",
      questions: [
        {
          id: "enjeux",
          label: "Enjeux",
          kind: QuestionKind.MULTIPLE_CHOICE,
          choices: [
            { value: "velo", label: "Vélo", tags: ["mobilite-velo"] },
            { value: "bus", label: "Bus", tags: ["transport-collectif"] },
          ],
        },
        {
          id: "schema",
          label: "Schéma cyclable ?",
          kind: QuestionKind.SINGLE_CHOICE,
          showIf: { questionId: "enjeux", values: ["velo"] },
          choices: [
            { value: "oui", label: "Oui" },
            { value: "non", label: "Non", tags: ["schema-a-faire"] },
          ],
        },
        { id: "precisions", label: "Précisions", kind: QuestionKind.TEXT },
      ],
    },
  ],
};
const { sets } = validateDefinition(input);
const at = new Date("2026-12-01T10:00:00Z");

describe("questionnaire rules", () => {
  it("refuses malformed questionnaires with the path of the fault", () => {
    const twice = { ...input, sets: [{ title: "x", questions: [input.sets[0].questions[0], input.sets[0].questions[0]] }] };
    expect(() => validateDefinition(twice)).toThrow(/used twice/);
    const badTag = {
      ...input,
      sets: [
        {
          title: "x",
          questions: [
            {
              ...input.sets[0].questions[0],
              choices: [
                { value: "a", label: "A", tags: ["Pas Un Tag"] },
                { value: "b", label: "B" },
              ],
            },
          ],
        },
      ],
    };
    expect(() => validateDefinition(badTag)).toThrow(/not a key/);
    const unknownValue = { ...input, sets: [{ title: "x", questions: [input.sets[0].questions[0], { ...input.sets[0].questions[1], showIf: { questionId: "enjeux", values: ["tram"] } }] }] };
    expect(() => validateDefinition(unknownValue)).toThrow(/showIf.values/);
    expect(() => validateDefinition({ ...input, sets: [{ title: "x", questions: [{ id: "t", label: "T", kind: QuestionKind.TEXT, choices: [{ value: "a", label: "A" }] }] }] })).toThrow(/no choices/);
  });

  it("shows a conditional question only when its parent has the value, and drops it when that changes", () => {
    expect(() => applyAnswers(sets, [], [{ questionId: "schema", choices: ["non"] }], null, at)).toThrow(/asked only when/);
    const both = applyAnswers(
      sets,
      [],
      [
        { questionId: "enjeux", choices: ["velo", "bus"] },
        { questionId: "schema", choices: ["non"] },
      ],
      "p1",
      at,
    );
    expect(tagsOf(sets, both)).toEqual(["mobilite-velo", "schema-a-faire", "transport-collectif"]);
    const busOnly = applyAnswers(sets, both, [{ questionId: "enjeux", choices: ["bus"] }], "p1", at);
    expect(busOnly.map((a) => a.questionId)).toEqual(["enjeux"]);
    expect(tagsOf(sets, busOnly)).toEqual(["transport-collectif"]);
    // An empty answer removes it.
    expect(applyAnswers(sets, busOnly, [{ questionId: "enjeux", choices: [] }], "p1", at)).toEqual([]);
  });

  it("carries over to a new version what still fits", () => {
    const previous: StoredAnswer[] = applyAnswers(
      sets,
      [],
      [
        { questionId: "enjeux", choices: ["velo", "bus"] },
        { questionId: "schema", choices: ["oui"] },
        { questionId: "precisions", text: "Vers le collège" },
      ],
      "p1",
      at,
    );
    const next = validateDefinition({
      ...input,
      sets: [
        {
          title: "Besoins",
          questions: [
            {
              ...input.sets[0].questions[0],
              choices: [
                { value: "velo", label: "Vélo" },
                { value: "marche", label: "Marche" },
              ],
            },
            input.sets[0].questions[1],
          ],
        },
      ],
    }).sets;
    const moved = carryOver(next, previous);
    expect(moved.map((a) => [a.questionId, a.choices])).toEqual([
      ["enjeux", ["velo"]],
      ["schema", ["oui"]],
    ]);
  });
});
