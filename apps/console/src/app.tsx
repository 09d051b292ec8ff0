import { lazy, Suspense, useEffect, useState } from 'react';
import { forgetToken, onSessionExpired, sessionRenewed, storedSession, type Role, type Session } from './shared/session';
import { Link, navigate, useRoute } from './shared/router';
import { onNotice } from './shared/notices';
import { SignInPage } from './shared/sign-in-page';
import { SignInAgain } from './shared/sign-in-again';
import { WorklistPage } from './agent/worklist-page';
import { AccountPage } from './agent/account-page';
import { SearchPage } from './agent/search-page';
import { TeamPage } from './supervisor/team-page';
import { ParkedPage } from './supervisor/parked-page';
import { StrategiesPage } from './supervisor/strategies-page';
import { AuditPage } from './auditor/audit-page';
import { Loading } from './shared/problem-view';
import { atInstant } from './shared/at-instant';

// The charts library is most of the bundle: loaded with the dashboard, not before.
const DashboardPage = lazy(() => import('./analyst/dashboard-page').then(({ DashboardPage }) => ({ default: DashboardPage })));

/** Each role's pages, the first its home. */
const menus: Record<Role, { to: string; label: string }[]> = {
  agent: [
    { to: '/worklist', label: 'Worklist' },
    { to: '/search', label: 'Find account' },
  ],
  supervisor: [
    { to: '/team', label: 'Team' },
    { to: '/worklist', label: 'Worklist' },
    { to: '/search', label: 'Find account' },
    { to: '/parked', label: 'Parked & dead letters' },
    { to: '/strategies', label: 'Strategies' },
    { to: '/kpis', label: 'KPIs' },
    { to: '/audit', label: 'Audit' },
  ],
  analyst: [{ to: '/kpis', label: 'KPIs' }],
  auditor: [{ to: '/audit', label: 'Audit' }],
  system: [],
};

export function App() {
  const [session, setSession] = useState<Session | null>(storedSession);
  const expired = useExpiry(session);
  const { path } = useRoute();
  if (!session)
    return (
      <SignInPage
        onSignedIn={() => {
          setSession(storedSession());
        }}
      />
    );
  const signOut = () => {
    forgetToken();
    setSession(null);
    navigate('/');
  };
  const signedInAgain = () => {
    const renewed = storedSession();
    if (!renewed) return;
    setSession(renewed);
    sessionRenewed();
  };
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <strong>Arrears</strong>
        <nav aria-label="Main">
          {menus[session.role].map((item) => (
            <Link key={item.to} to={item.to} aria-current={path.startsWith(item.to) ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
        </nav>
        <span className="who">
          {session.subject} ({session.role})
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <Notice />
      {/* Keyed by who is signed in: someone else signing in over an expired session does not inherit its work. */}
      <main id="main" key={session.subject}>
        <Page path={path} session={session} />
      </main>
      {expired && <SignInAgain session={session} onSignedIn={signedInAgain} onSignOut={signOut} />}
    </>
  );
}

/** Whether the session's token has ended: the service refused it (401), or its `exp` passed. */
function useExpiry(session: Session | null): boolean {
  const [expiredToken, setExpiredToken] = useState<string | null>(null);
  useEffect(
    () =>
      onSessionExpired((token) => {
        // A request sent without a token went out because the stored one had expired.
        setExpiredToken(token ?? session?.token ?? null);
      }),
    [session],
  );
  useEffect(() => {
    if (!session || session.expiresAt === null) return;
    return atInstant(session.expiresAt, () => {
      setExpiredToken(session.token);
    });
  }, [session]);
  return session !== null && expiredToken === session.token;
}

function Page({ path, session }: { path: string; session: Session }) {
  const [, section, id] = path.split('/').map(decodeURIComponent);
  switch (section) {
    case 'worklist':
      return <WorklistPage />;
    case 'accounts':
      return id ? <AccountPage key={id} accountId={id} /> : <SearchPage />;
    case 'search':
      return <SearchPage />;
    case 'team':
      return <TeamPage />;
    case 'parked':
      return <ParkedPage />;
    case 'strategies':
      return <StrategiesPage />;
    case 'kpis':
      return (
        <Suspense fallback={<Loading />}>
          <DashboardPage />
        </Suspense>
      );
    case 'audit':
      return <AuditPage key={id ?? ''} accountId={id ?? null} />;
    default: {
      const home = menus[session.role][0];
      return home ? <Home to={home.to} /> : <p>This role has no pages in the console.</p>;
    }
  }
}

function Home({ to }: { to: string }) {
  useEffect(() => {
    window.history.replaceState(null, '', `/console${to}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, [to]);
  return null;
}

/** A read model catching up, and the like: said where everyone sees it, politely. */
function Notice() {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => onNotice(setNotice), []);
  return (
    <div className="notice" role="status" aria-live="polite">
      {notice}
    </div>
  );
}
