// The matrix page (frameworks/README.md) in React 19: attributes as JSX props, events as
// `onpaylink-…` props (React 19 adds them as listeners on custom elements).
import '@paylink/elements/define';
import { useState } from 'react';

export interface AppProps {
  proxy: string;
  link: string;
  broken: string;
}

export function App({ proxy, link, broken }: AppProps) {
  const [locale, setLocale] = useState('en');
  const [status, setStatus] = useState('');
  const [paid, setPaid] = useState('');
  const [error, setError] = useState('');
  return (
    <main>
      <pay-link-button id="with-description" proxy={proxy} link={link} locale={locale} show-description />
      <pay-link-button id="without-description" proxy={proxy} link={link} show-description={false} />
      <button id="spanish" type="button" onClick={() => setLocale('es')}>
        Español
      </button>
      <pay-link-status
        id="status"
        proxy={proxy}
        link={link}
        onpaylink-status-change={(event) => setStatus(event.detail.status)}
        onpaylink-paid={(event) => setPaid(event.detail.id)}
      />
      <pay-link-status id="broken" proxy={proxy} link={broken} onpaylink-error={(event) => setError(event.detail.message)} />
      <p>
        Status: <output id="log-status">{status}</output>
      </p>
      <p>
        Paid: <output id="log-paid">{paid}</output>
      </p>
      <p>
        Error: <output id="log-error">{error}</output>
      </p>
    </main>
  );
}
