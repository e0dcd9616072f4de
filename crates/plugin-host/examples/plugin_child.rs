//! The smallest plugin host program: it serves `plugin_child __plugin-host [--memory BYTES] LIB` exactly as the
//! `chuxin` binary does, for the host's own tests (which cannot re-execute their test binary) and for trying the
//! process isolation by hand.
//!
//! ```sh
//! cargo build -p chuxin-plugin-host --example plugin_child
//! ```

fn main() {
    chuxin_plugin_host::child::serve_or_host();
    eprintln!("usage: plugin_child __plugin-host [--memory BYTES] LIB (normally started by the plugin host)");
    std::process::exit(2);
}
