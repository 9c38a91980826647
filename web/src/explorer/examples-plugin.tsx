import { useEditorContext, type GraphiQLPlugin } from '@graphiql/react';
import { EXAMPLES } from './examples';

/** The list of saved examples; a click puts one in the editor, with its variables. */
function ExamplesPanel() {
  const editor = useEditorContext({ nonNull: true });
  return (
    <div className="explorer-examples">
      <div className="graphiql-doc-explorer-title">Exemples</div>
      <p>Des requêtes prêtes à l'emploi pour les questions courantes. Un clic la place dans l'éditeur ; modifiez les variables (en bas) puis exécutez-la.</p>
      {EXAMPLES.map((example) => (
        <button
          key={example.title}
          type="button"
          onClick={() => {
            editor.queryEditor?.setValue(example.query);
            editor.variableEditor?.setValue(JSON.stringify(example.variables, null, 2));
          }}
        >
          <strong>{example.title}</strong>
          <p>{example.description}</p>
        </button>
      ))}
    </div>
  );
}

export const examplesPlugin: GraphiQLPlugin = {
  title: 'Exemples',
  icon: () => <span aria-hidden="true">★</span>,
  content: ExamplesPanel,
};
