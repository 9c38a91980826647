interface SessionBarProps {
  email: string;
  onSignOut: () => void;
}

export function SessionBar({ email, onSignOut }: SessionBarProps) {
  return (
    <div className="card session-bar">
      <span>{email ? `Connecté·e : ${email}` : 'Connecté·e avec ProConnect'}</span>
      <button type="button" className="secondary" onClick={onSignOut}>
        Se déconnecter
      </button>
    </div>
  );
}
