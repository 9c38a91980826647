/** An error, in a DSFR alert announced to screen readers (role="alert"); nothing when there is no message. */
export function Alert({ message, prefix = '' }: { message: string | null | undefined; prefix?: string }) {
  if (!message) return null;
  return (
    <div className="fr-alert fr-alert--error fr-alert--sm fr-my-2w" role="alert">
      <p className="error">
        {prefix}
        {message}
      </p>
    </div>
  );
}
