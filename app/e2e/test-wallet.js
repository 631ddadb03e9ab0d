// A Wallet Standard wallet for end-to-end tests, registered in the page before the app loads (Playwright's
// `addInitScript`). It holds one Ed25519 keypair, given in `window.__PST_TEST_WALLET__ = { secretKey, chains,
// name }`, implements `standard:connect`, `standard:disconnect`, `standard:events` and `solana:signTransaction`,
// and signs with WebCrypto. The test steers it through `window.__pstTestWallet`: `reject(true)` makes it refuse
// the next signatures as a user would; `hold()` makes signing wait until `release()` (to move the market while
// a transaction waits for its signature). Plain JavaScript: it runs in the page as is.
(() => {
  const cfg = window.__PST_TEST_WALLET__;
  if (!cfg) return;
  const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const base58 = (bytes) => {
    let n = 0n;
    for (const b of bytes) n = (n << 8n) | BigInt(b);
    let out = '';
    while (n > 0n) {
      out = ALPHABET[Number(n % 58n)] + out;
      n /= 58n;
    }
    for (const b of bytes) {
      if (b !== 0) break;
      out = '1' + out;
    }
    return out;
  };
  const secret = Uint8Array.from(cfg.secretKey);
  const publicKey = secret.slice(32, 64);
  // PKCS#8 wrapping of an Ed25519 seed (RFC 8410)
  const pkcs8 = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20, ...secret.slice(0, 32)]);
  const key = crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  const chains = cfg.chains ?? ['solana:localnet'];
  const account = Object.freeze({
    address: base58(publicKey),
    publicKey,
    chains,
    features: ['solana:signTransaction'],
    label: cfg.name ?? 'Test account',
  });
  const listeners = new Set();
  let accounts = [];
  const emit = () => listeners.forEach((l) => l({ accounts }));

  const control = { rejecting: false, held: null, signed: 0, requests: 0 };
  window.__pstTestWallet = {
    reject: (on) => {
      control.rejecting = on;
    },
    hold: () => {
      let release;
      const p = new Promise((r) => (release = r));
      control.held = { p, release };
    },
    release: () => {
      const h = control.held;
      control.held = null;
      h?.release();
    },
    stats: () => ({ signed: control.signed, requests: control.requests, waiting: !!control.held }),
    address: account.address,
  };

  const readLen = (b, o) => {
    // compact-u16
    let len = 0;
    let size = 0;
    for (;;) {
      const v = b[o + size];
      len |= (v & 0x7f) << (7 * size);
      size++;
      if ((v & 0x80) === 0) return [len, size];
    }
  };

  async function sign(wire) {
    const [nsig, s0] = readLen(wire, 0);
    const msgStart = s0 + 64 * nsig;
    const msg = wire.slice(msgStart);
    let o = msg[0] & 0x80 ? 1 : 0; // versioned message prefix
    const required = msg[o];
    o += 3;
    const [nkeys, s1] = readLen(msg, o);
    o += s1;
    let index = -1;
    for (let i = 0; i < Math.min(nkeys, required); i++) {
      const k = msg.slice(o + 32 * i, o + 32 * i + 32);
      if (k.every((b, j) => b === publicKey[j])) index = i;
    }
    if (index < 0) throw new Error('This transaction does not need the test wallet\'s signature.');
    const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, await key, msg));
    const out = wire.slice();
    out.set(sig, s0 + 64 * index);
    return out;
  }

  const wallet = {
    version: '1.0.0',
    name: cfg.name ?? 'PST Test Wallet',
    icon: 'data:image/svg+xml;base64,' + btoa('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><rect width="32" height="32" rx="6" fill="#1d5bd8"/></svg>'),
    chains,
    get accounts() {
      return accounts;
    },
    features: {
      'standard:connect': {
        version: '1.0.0',
        connect: async () => {
          accounts = [account];
          emit();
          return { accounts };
        },
      },
      'standard:disconnect': {
        version: '1.0.0',
        disconnect: async () => {
          accounts = [];
          emit();
        },
      },
      'standard:events': {
        version: '1.0.0',
        on: (event, listener) => {
          if (event !== 'change') return () => {};
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      'solana:signTransaction': {
        version: '1.0.0',
        supportedTransactionVersions: ['legacy', 0],
        signTransaction: async (...inputs) => {
          control.requests++;
          if (control.held) await control.held.p;
          if (control.rejecting) {
            const e = new Error('User rejected the request.');
            e.code = 4001;
            throw e;
          }
          const out = [];
          for (const input of inputs) out.push({ signedTransaction: await sign(input.transaction) });
          control.signed++;
          return out;
        },
      },
    },
  };

  const callback = ({ register }) => register(wallet);
  try {
    window.dispatchEvent(new CustomEvent('wallet-standard:register-wallet', { detail: callback }));
  } catch (e) {
    console.error('test wallet: could not register', e);
  }
  try {
    window.addEventListener('wallet-standard:app-ready', ({ detail: api }) => callback(api));
  } catch (e) {
    console.error('test wallet: could not listen for the app', e);
  }
})();
