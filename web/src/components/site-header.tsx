export function SiteHeader() {
  return (
    <header className="site-header">
      <h1>Mon espace collectivité — projets territoriaux</h1>
    </header>
  );
}
