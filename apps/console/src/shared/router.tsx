import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** Client routes under /console/, in the address bar (the api answers index.html for each, so reloads and bookmarks work). */
const base = '/console';

export const routePath = () => window.location.pathname.replace(/^\/console/, '') || '/';

export function navigate(to: string): void {
  window.history.pushState(null, '', `${base}${to}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current route (path and query), re-rendering on navigation. */
export function useRoute(): { path: string; query: URLSearchParams } {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const changed = () => {
      setVersion((version) => version + 1);
    };
    window.addEventListener('popstate', changed);
    return () => {
      window.removeEventListener('popstate', changed);
    };
  }, []);
  return { path: routePath(), query: new URLSearchParams(window.location.search) };
}

/** A real link (keyboard, middle click, copy address) that navigates in place. */
export function Link({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={`${base}${to}`} onClick={click} {...rest} />;
}
