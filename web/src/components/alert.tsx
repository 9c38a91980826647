/** An error line, announced to screen readers (role="alert"); nothing when there is no message. */
export function Alert({ message, prefix = '' }: { message: string | null | undefined; prefix?: string }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {prefix}
      {message}
    </p>
  );
}
