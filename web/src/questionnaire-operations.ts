import { graphql, type ResultOf, type VariablesOf } from './graphql';

const QUESTIONNAIRE_VERSION_FIELDS = graphql(`
  fragment QuestionnaireVersionFields on QuestionnaireVersion @_unmask {
    id
    version
    title
    description
    sets {
      title
      questions {
        id
        label
        help
        kind
        choices {
          value
          label
          tags
        }
        showIf {
          questionId
          values
        }
      }
    }
  }
`);

/**
 * A project's état des lieux: which themes have a questionnaire (and their current version's
 * number), and the project's latest answers to each. The questions are read apart, a theme at a
 * time (THEME_QUESTIONNAIRE_QUERY): all of them in one operation would pass the API's cost limit.
 */
export const PROJECT_QUESTIONNAIRES_QUERY = graphql(`
  query ProjectQuestionnaires($projectId: ID!) {
    questionnaires {
      id
      theme
      currentVersion
    }
    project(id: $projectId) {
      id
      themes
      viewerCan {
        edit
      }
      questionnaireAnswers {
        id
        outdated
        tags
        updatedAt
        questionnaire {
          id
          theme
        }
        version {
          id
          version
        }
        answers {
          questionId
          choices
          text
          comment
          document {
            id
            name
            url
          }
          answeredAt
        }
      }
    }
  }
`);

/** The questionnaire of a theme: its current version, the one answers go to. */
export const THEME_QUESTIONNAIRE_QUERY = graphql(
  `
    query ThemeQuestionnaire($theme: String!) {
      questionnaire(theme: $theme) {
        id
        theme
        currentVersion
        current {
          ...QuestionnaireVersionFields
        }
      }
    }
  `,
  [QUESTIONNAIRE_VERSION_FIELDS],
);

export type ProjectQuestionnaires = ResultOf<typeof PROJECT_QUESTIONNAIRES_QUERY>;
export type QuestionnaireVersion = NonNullable<ResultOf<typeof THEME_QUESTIONNAIRE_QUERY>['questionnaire']>['current'];
export type QuestionSet = QuestionnaireVersion['sets'][number];
export type Question = QuestionSet['questions'][number];
export type QuestionnaireResponse = ProjectQuestionnaires['project']['questionnaireAnswers'][number];
export type StoredAnswer = QuestionnaireResponse['answers'][number];

/** Saves some answers (an empty one removes the question's answer); answers the response as it now is. */
export const ANSWER_QUESTIONNAIRE_MUTATION = graphql(`
  mutation AnswerQuestionnaire($input: AnswerQuestionnaireInput!) {
    answerQuestionnaire(input: $input) {
      id
      tags
      updatedAt
      answers {
        questionId
        choices
        text
        comment
        document {
          id
          name
          url
        }
        answeredAt
      }
    }
  }
`);

export type AnswerInput = VariablesOf<typeof ANSWER_QUESTIONNAIRE_MUTATION>['input']['answers'][number];
