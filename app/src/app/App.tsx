// The shell: navigation, the wallet button, the network line, the routed page and the activity panel.
import { useEffect, useRef, useState } from 'react';
import { useApp } from './context';
import { TxPanel } from '../ui/components';
import { shortAddress } from '../lib/amounts';
import { Directory } from '../pages/Directory';
import { MerchantConsole } from '../pages/MerchantConsole';
import { Underwriter } from '../pages/Underwriter';
import { Invest } from '../pages/Invest';
import { Portfolio } from '../pages/Portfolio';
import { Keeper } from '../pages/Keeper';
import { SettingsPage } from '../pages/Settings';
import { TxPage } from '../pages/TxPage';

function useRoute(): string[] {
  // only hashes that start with "#/" are routes (the skip link's "#main" is not)
  const read = () => (location.hash.startsWith('#/') ? location.hash.slice(2) : '').split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => {
      if (location.hash === '' || location.hash.startsWith('#/')) setRoute(read());
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

const NAV: [string, string][] = [
  ['#/', 'Invest'],
  ['#/portfolio', 'Portfolio'],
  ['#/merchant', 'Merchant'],
  ['#/underwriter', 'Underwriter'],
  ['#/keeper', 'Keeper'],
  ['#/settings', 'Settings'],
];

function WalletButton() {
  const { wallets, wallet, account, connectWallet, disconnectWallet, walletError } = useApp();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const disconnectButton = useRef<HTMLButtonElement>(null);
  const connected = !!(wallet && account);
  // keep the keyboard's place when the wallet connects or disconnects (not on a silent reconnection at load)
  const wasConnected = useRef(connected);
  const userAction = useRef(false);
  useEffect(() => {
    if (wasConnected.current !== connected && userAction.current) {
      (connected ? disconnectButton : button).current?.focus({ preventScroll: true });
    }
    wasConnected.current = connected;
    userAction.current = false;
  }, [connected]);
  if (wallet && account) {
    return (
      <div className="wallet">
        <span data-testid="connected">
          Connected: {wallet.name}, {shortAddress(account.address)}
        </span>
        <button
          type="button"
          ref={disconnectButton}
          onClick={() => {
            userAction.current = true;
            void disconnectWallet();
          }}
        >
          Disconnect
        </button>
        {walletError && (
          <p className="error" role="alert">
            {walletError}
          </p>
        )}
      </div>
    );
  }
  return (
    <div
      className="wallet"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button type="button" ref={button} aria-expanded={open} aria-controls="wallet-list" onClick={() => setOpen(!open)}>
        Connect wallet
      </button>
      {open && (
        <ul className="wallet-list" id="wallet-list" aria-label="Wallets">
          {wallets.length === 0 && <li>No Solana wallet found: install Phantom, Solflare, Backpack or any Wallet Standard wallet.</li>}
          {wallets.map((w) => (
            <li key={w.name}>
              <button
                type="button"
                onClick={() => {
                  setOpen(false);
                  userAction.current = true;
                  void connectWallet(w);
                }}
              >
                {w.icon && <img src={w.icon} alt="" width={20} height={20} />} {w.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {walletError && (
        <p className="error" role="alert">
          {walletError}
        </p>
      )}
    </div>
  );
}

const TITLES: Record<string, string> = {
  m: 'Merchant',
  portfolio: 'Portfolio',
  merchant: 'Merchant console',
  underwriter: 'Underwriter desk',
  keeper: 'Keeper',
  settings: 'Settings',
  tx: 'Transaction',
};

export function App() {
  const route = useRoute();
  const { settings, configError } = useApp();
  const [page, arg] = route;
  const first = useRef(true);
  // each page has its own title; after navigating, the keyboard starts at the new page's content
  useEffect(() => {
    document.title = `${page ? (TITLES[page] ?? 'Not found') : 'Merchants'} — PST`;
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus({ preventScroll: false });
  }, [page, arg]);
  let body;
  switch (page) {
    case undefined:
      body = <Directory />;
      break;
    case 'm':
      body = <Invest authority={arg ?? ''} />;
      break;
    case 'portfolio':
      body = <Portfolio />;
      break;
    case 'merchant':
      body = <MerchantConsole />;
      break;
    case 'underwriter':
      body = <Underwriter />;
      break;
    case 'keeper':
      body = <Keeper />;
      break;
    case 'settings':
      body = <SettingsPage />;
      break;
    case 'tx':
      body = <TxPage signature={arg ?? ''} />;
      break;
    default:
      body = <p>Page not found. <a href="#/">Back to the merchants.</a></p>;
  }
  return (
    <>
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header>
        <div className="brand">
          <a href="#/">PST</a> <small>Profit Share Tokens</small>
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([href, label]) => (
              <li key={href}>
                <a href={href} aria-current={`#/${page ?? ''}` === href || (href === '#/' && page === 'm') ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <WalletButton />
      </header>
      <p className="network" data-testid="network">
        {settings.chain} · {settings.rpcUrl}
      </p>
      {configError && (
        <p className="error banner" role="alert">
          {configError}
        </p>
      )}
      <div className="layout">
        <main id="main" tabIndex={-1}>
          {body}
        </main>
        <TxPanel />
      </div>
    </>
  );
}
