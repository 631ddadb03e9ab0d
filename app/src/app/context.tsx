// The app's shared state: settings and RPC, the protocol config, wallets (Wallet Standard) and the connected
// account, and `run`, which sends one action's transaction and records its progress for the activity panel.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { address, createSolanaRpc, type Address, type Instruction, type Rpc, type SolanaRpcApi } from '@solana/kit';
import { loadSettings, saveSettings, type Settings } from '../chain/settings';
import { fetchConfig, type ProtocolConfig } from '../chain/data';
import { sendTransaction, type TxProgress } from '../chain/tx';
import { checkNetwork, connect, disconnect, onWalletChange, signTransaction, watchWallets, type Wallet, type WalletAccount } from '../wallet/wallets';
import { describeThrown, TxError } from '../lib/errors';

export interface TxEntry extends TxProgress {
  id: number;
}

interface AppState {
  settings: Settings;
  setSettings: (s: Settings) => void;
  rpc: Rpc<SolanaRpcApi>;
  config: ProtocolConfig | null;
  configError: string | null;
  wallets: readonly Wallet[];
  wallet: Wallet | null;
  account: WalletAccount | null;
  me: Address | null;
  connectWallet: (w: Wallet, silent?: boolean) => Promise<void>;
  disconnectWallet: () => Promise<void>;
  walletError: string | null;
  /** Sends `build()`'s instructions as one transaction; true when confirmed. */
  run: (label: string, build: (me: Address) => Promise<Instruction[]>) => Promise<boolean>;
  txs: TxEntry[];
  /** The id the next transaction will get (a form remembers it to show its own transaction's progress). */
  peekTxId: () => number;
  busy: boolean;
  /** Increments after every confirmed transaction: pages reload their data. */
  tick: number;
  refresh: () => void;
}

const Ctx = createContext<AppState | null>(null);

export function useApp(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApp outside AppProvider');
  return v;
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [settings, setSettingsState] = useState<Settings>(() => loadSettings());
  const rpc = useMemo(() => createSolanaRpc(settings.rpcUrl), [settings.rpcUrl]);
  const [config, setConfig] = useState<ProtocolConfig | null>(null);
  const [configError, setConfigError] = useState<string | null>(null);
  const [wallets, setWallets] = useState<readonly Wallet[]>([]);
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [account, setAccount] = useState<WalletAccount | null>(null);
  const [walletError, setWalletError] = useState<string | null>(null);
  const [txs, setTxs] = useState<TxEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  const nextId = useRef(1);

  useEffect(() => watchWallets(setWallets), []);

  // pages read the chain again every 15 s (a quote must not be older than the market it prices); `?refresh=0` in
  // the URL turns it off (the end-to-end tests, which move the market themselves)
  const busyRef = useRef(false);
  busyRef.current = busy;
  useEffect(() => {
    if (new URLSearchParams(location.search).get('refresh') === '0') return;
    const timer = setInterval(() => {
      if (!busyRef.current && document.visibilityState === 'visible') setTick((t) => t + 1);
    }, 15_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    let live = true;
    fetchConfig(rpc)
      .then((c) => {
        if (!live) return;
        setConfig(c);
        setConfigError(c ? null : `No PST protocol at ${settings.rpcUrl}: the config account does not exist (run the bootstrap).`);
      })
      .catch((e: unknown) => live && setConfigError(describeThrown(e, settings.rpcUrl).message));
    return () => {
      live = false;
    };
  }, [rpc, settings.rpcUrl, tick]);

  useEffect(() => {
    if (!wallet) return;
    return onWalletChange(wallet, () => {
      const a = wallet.accounts[0] ?? null;
      setAccount(a);
    });
  }, [wallet]);

  const setSettings = useCallback((s: Settings) => {
    saveSettings(s);
    setSettingsState(s);
  }, []);

  const connectWallet = useCallback(
    async (w: Wallet, silent = false) => {
      setWalletError(null);
      try {
        const accounts = await connect(w, silent);
        const a = accounts[0];
        if (!a) throw new TxError(`${w.name} shared no account.`, 'other');
        setWallet(w);
        setAccount(a);
        localStorage.setItem('pst.wallet', w.name);
        try {
          checkNetwork(a, settings.chain);
        } catch (e) {
          setWalletError((e as Error).message);
        }
      } catch (e) {
        setWalletError(describeThrown(e, settings.rpcUrl).message);
      }
    },
    [settings],
  );

  // reconnect, without a prompt, the wallet connected last time in this browser
  const tried = useRef(false);
  useEffect(() => {
    if (wallet || tried.current) return;
    const last = localStorage.getItem('pst.wallet');
    const w = last ? wallets.find((x) => x.name === last) : undefined;
    if (w) {
      tried.current = true;
      void connectWallet(w, true);
    }
  }, [wallets, wallet, connectWallet]);

  const disconnectWallet = useCallback(async () => {
    if (wallet) await disconnect(wallet).catch(() => undefined);
    localStorage.removeItem('pst.wallet');
    setWallet(null);
    setAccount(null);
    setWalletError(null);
  }, [wallet]);

  const me = account ? address(account.address) : null;

  const run = useCallback(
    async (label: string, build: (me: Address) => Promise<Instruction[]>): Promise<boolean> => {
      const id = nextId.current++;
      const update = (p: TxProgress): void => setTxs((prev) => [{ ...p, id }, ...prev.filter((t) => t.id !== id)].slice(0, 20));
      if (!wallet || !account || !me) {
        update({ label, stage: 'failed', error: 'Connect a wallet first.' });
        return false;
      }
      setBusy(true);
      try {
        checkNetwork(account, settings.chain);
        const instructions = await build(me);
        await sendTransaction({
          rpc,
          rpcUrl: settings.rpcUrl,
          feePayer: me,
          sign: (wire) => signTransaction(wallet, account, settings.chain, wire),
          label,
          instructions,
          onProgress: update,
        });
        return true;
      } catch (e) {
        // sendTransaction reports its own failures; this catches what happens before it starts
        const err = describeThrown(e, settings.rpcUrl);
        setTxs((prev) => {
          const mine = prev.find((t) => t.id === id);
          return mine?.stage === 'failed' || mine?.stage === 'unknown' ? prev : [{ id, label, stage: 'failed', error: err.message }, ...prev.filter((t) => t.id !== id)];
        });
        return false;
      } finally {
        // reload after a failure too: the chain may have moved (a price, a balance) since the page last read it
        setTick((t) => t + 1);
        setBusy(false);
      }
    },
    [wallet, account, me, rpc, settings],
  );

  const value: AppState = {
    settings,
    setSettings,
    rpc,
    config,
    configError,
    wallets,
    wallet,
    account,
    me,
    connectWallet,
    disconnectWallet,
    walletError,
    run,
    txs,
    peekTxId: () => nextId.current,
    busy,
    tick,
    refresh: () => setTick((t) => t + 1),
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** Loads data with `load` whenever `deps` or the app's tick change; `error` is one sentence. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | null; error: string | null; loading: boolean } {
  const { tick, settings } = useApp();
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load()
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((e: unknown) => live && setState({ data: null, error: describeThrown(e, settings.rpcUrl).message, loading: false }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return state;
}
