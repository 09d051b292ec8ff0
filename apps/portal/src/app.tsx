import { useEffect, useState } from 'react';
import { AccountPage } from './account-page';
import { setToken } from './api';
import { SignIn } from './sign-in';
import { languageOf, languages, words as allWords, type Language } from './words';

const languageKey = 'arrears-portal-language';

const linkKey = 'arrears-portal-link';

/**
 * The link's token, from the address's fragment (`#link=…`), which the browser never sends to a server;
 * kept in this tab's storage so that coming back from the payment page (which is never told it) finds it.
 */
function linkToken(): string | null {
  const given = new URLSearchParams(window.location.hash.slice(1)).get('link');
  if (given) sessionStorage.setItem(linkKey, given);
  return given ?? sessionStorage.getItem(linkKey);
}

/** The debtor's portal: the link, the second factor, then their account; a thank-you page after paying. */
export function App() {
  const [language, setLanguage] = useState<Language>(languageOf(sessionStorage.getItem(languageKey) ?? navigator.language.slice(0, 2)));
  const [signedIn, setSignedIn] = useState(false);
  const words = allWords[language];
  const link = linkToken();
  const thanks = window.location.pathname.endsWith('/thanks');
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = thanks ? words.thanksTitle : words.title;
  }, [language, thanks, words]);
  const choose = (chosen: Language) => {
    sessionStorage.setItem(languageKey, chosen);
    setLanguage(chosen);
  };
  const signOut = () => {
    setToken(null);
    setSignedIn(false);
  };
  return (
    <>
      <header>
        <p className="brand">{words.title}</p>
        <label htmlFor="language">{words.language}</label>
        <select
          id="language"
          value={language}
          onChange={(e) => {
            choose(languageOf(e.target.value));
          }}
        >
          {Object.entries(languages).map(([code, name]) => (
            <option key={code} value={code} lang={code}>
              {name}
            </option>
          ))}
        </select>
        {signedIn && (
          <button type="button" className="secondary" onClick={signOut}>
            {words.signOut}
          </button>
        )}
      </header>
      <main>
        <h1>{thanks ? words.thanksTitle : words.title}</h1>
        {thanks ? (
          <>
            <p role="status">{words.thanks}</p>
            {link && <a href={`/portal/#link=${link}`}>{words.back}</a>}
          </>
        ) : !link ? (
          <p>{words.noLink}</p>
        ) : signedIn ? (
          <AccountPage words={words} language={language} />
        ) : (
          <SignIn
            link={link}
            words={words}
            onSignedIn={(onFile) => {
              if (!sessionStorage.getItem(languageKey)) setLanguage(languageOf(onFile));
              setSignedIn(true);
            }}
          />
        )}
      </main>
    </>
  );
}
