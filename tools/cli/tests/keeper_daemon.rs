//! The keeper as a daemon (the `pst` binary, `keeper run`), reaching the local chain through a TCP relay the
//! test can take down: it starts while the RPC is not up yet and waits for it; it cranks; it survives the RPC
//! going away (logs, backs off, keeps serving its metrics) and resumes when it comes back; it serves Prometheus
//! counters on 127.0.0.1; SIGTERM stops it cleanly.
mod common;
use common::*;
use pst_mint::state::{Merchant, MerchantStatus};
use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    process::{Command, Stdio},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    thread,
    time::{Duration, Instant},
};

/// A TCP relay from `port` to `target` that can be taken down (listener closed, live connections cut) and
/// brought back up on the same port.
struct Relay {
    port: u16,
    target: u16,
    up: Arc<AtomicBool>,
    conns: Arc<Mutex<Vec<TcpStream>>>,
}

impl Relay {
    fn new(target: u16) -> Relay {
        Relay { port: free_port(), target, up: Arc::new(AtomicBool::new(false)), conns: Default::default() }
    }

    fn start(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("the relay's port");
        listener.set_nonblocking(true).unwrap();
        self.up.store(true, Ordering::SeqCst);
        let (up, conns, target) = (self.up.clone(), self.conns.clone(), self.target);
        thread::spawn(move || {
            while up.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        client.set_nonblocking(false).unwrap();
                        let Ok(server) = TcpStream::connect(("127.0.0.1", target)) else { continue };
                        let pipe = |mut from: TcpStream, mut to: TcpStream| {
                            thread::spawn(move || {
                                let mut buf = [0u8; 16384];
                                while let Ok(n) = from.read(&mut buf) {
                                    if n == 0 || to.write_all(&buf[..n]).is_err() {
                                        break;
                                    }
                                }
                                let _ = to.shutdown(std::net::Shutdown::Both);
                            });
                        };
                        conns
                            .lock()
                            .unwrap()
                            .extend([client.try_clone().unwrap(), server.try_clone().unwrap()]);
                        pipe(client.try_clone().unwrap(), server.try_clone().unwrap());
                        pipe(server, client);
                    }
                    Err(_) => thread::sleep(Duration::from_millis(20)),
                }
            }
            // down: the listener closes here
        });
    }

    fn stop(&self) {
        self.up.store(false, Ordering::SeqCst);
        for c in self.conns.lock().unwrap().drain(..) {
            let _ = c.shutdown(std::net::Shutdown::Both);
        }
        thread::sleep(Duration::from_millis(200));
    }
}

fn metrics(port: u16) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("the metrics endpoint");
    s.write_all(b"GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

fn counter(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|v| v.trim().parse().ok()))
        .unwrap_or_else(|| panic!("no {name} in\n{text}"))
}

fn until(what: &str, secs: u64, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < Duration::from_secs(secs), "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(200));
    }
}

#[test]
#[ignore = "needs the SBF builds in target/deploy: scripts/test runs it after building them"]
fn the_keeper_daemon_waits_backs_off_resumes_and_stops_on_sigterm() {
    let n = Net::start("daemon");
    let a = n.acme();
    n.ok(&a.investor_key, &["investor", "buy", "--merchant", "ACME", "--amount", "500000"]);
    let (keeper_key, _) = n.wallet("keeper", 10);
    let rpc_port: u16 = n.net.rpc_url.rsplit(':').next().unwrap().parse().unwrap();
    let relay = Relay::new(rpc_port);
    let metrics_port = free_port();
    let log = n.dir.join("keeper.log");
    let mut keeper = Command::new(env!("CARGO_BIN_EXE_pst"))
        .args([
            "--url",
            &format!("http://127.0.0.1:{}", relay.port),
            "--keypair",
            keeper_key.to_str().unwrap(),
        ])
        .args(["keeper", "run", "--interval-secs", "1", "--max-backoff-secs", "2"])
        .args(["--metrics-port", &metrics_port.to_string()])
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("the keeper starts");

    // the RPC is not up yet: the keeper waits, counting the failures, its metrics already served
    until("the metrics endpoint", 30, || TcpStream::connect(("127.0.0.1", metrics_port)).is_ok());
    until("an RPC failure", 30, || counter(&metrics(metrics_port), "pst_keeper_rpc_errors_total") > 0);
    // up: it closes the sold-out sale
    relay.start();
    until("the sale's close", 60, || n.account::<Merchant>(&a.m.merchant).status == MerchantStatus::Active);
    until("the pass's counters", 30, || counter(&metrics(metrics_port), "pst_keeper_passes_total") >= 1);
    let m = metrics(metrics_port);
    assert!(counter(&m, "pst_keeper_cranks_succeeded_total") >= 1, "{m}");
    assert!(m.contains("pst_keeper_cranks_by_kind_total{crank=\"close_sale\"} 1"), "{m}");

    // the RPC goes away: passes fail, the keeper backs off and lives on
    relay.stop();
    let errors = counter(&metrics(metrics_port), "pst_keeper_rpc_errors_total");
    until("failures while the RPC is down", 30, || {
        counter(&metrics(metrics_port), "pst_keeper_rpc_errors_total") >= errors + 2
    });
    assert!(keeper.try_wait().unwrap().is_none(), "the keeper is still running");
    // ... and comes back: the keeper resumes and sweeps revenue that arrived meanwhile
    n.mint_usdc_to(&a.m.settlement_vault, 10_000 * USDC);
    relay.start();
    until("the sweep after the RPC came back", 60, || n.balance(&a.m.dividend_vault) > 0);
    until("the sweep counted", 30, || metrics(metrics_port).contains("crank=\"sweep\""));
    let m = metrics(metrics_port);
    assert!(m.contains("pst_keeper_cranks_by_kind_total{crank=\"sweep\"} 1"), "{m}");

    // SIGTERM: a clean stop
    let pid = keeper.id().to_string();
    // the shell's builtin `kill` (nothing beyond a POSIX shell needed)
    assert!(Command::new("sh").args(["-c", &format!("kill -TERM {pid}")]).status().unwrap().success());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = keeper.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "the keeper did not stop on SIGTERM");
        thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "{status}");
    let logs = std::fs::read_to_string(&log).unwrap();
    for line in [
        "RPC unreachable; backing off",
        "keeper started",
        "crank confirmed",
        "pass failed; backing off",
        "keeper stopped",
    ] {
        assert!(logs.contains(line), "no {line:?} in the keeper's logs:\n{logs}");
    }
    assert!(logs.lines().any(|l| l.contains("pass: 1 merchant(s)")), "a summary line per pass:\n{logs}");
}
