//! The plugin side of the ABI: the [`export_plugin!`](crate::export_plugin) macro and the runtime it expands to.
//!
//! The macro writes the descriptor, the entry symbol and a small `extern "C"` shim; everything that can fail lives
//! in [`call`] here, behind `catch_unwind`, so that no panic ever tries to unwind out of an `extern "C"` function
//! (which would abort the host process).
//!
//! A panic inside a call is also kept off the terminal: while a call runs, a panic hook (installed once, and
//! passing every other panic on to the previous hook) records the panic's location instead of printing it, and
//! the location joins the message sent to the host (`index out of bounds … (at src/lib.rs:13:22)`). In a `cdylib`
//! the hook belongs to the plugin's own copy of std, so it never sees the host's panics.

use std::cell::{Cell, RefCell};
use std::ffi::{CStr, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use crate::abi::{RawBuf, STATUS_ERROR, STATUS_OK, STATUS_PANIC};
use crate::plugin::{Plugin, dispatch};
use crate::protocol::ErrorReply;

pub use std::sync::OnceLock;

/// [`crate::API_VERSION`] as a C string, for the descriptor.
pub const API_VERSION_C: *const c_char = c_str(concat!(env!("CARGO_PKG_VERSION"), "\0"));

/// Turns a `concat!(…, "\0")` literal into a C string pointer, failing the build on an inner NUL.
pub const fn c_str(with_nul: &'static str) -> *const c_char {
    match CStr::from_bytes_with_nul(with_nul.as_bytes()) {
        Ok(s) => s.as_ptr(),
        Err(_) => panic!("plugin strings must not contain a NUL byte"),
    }
}

/// Returns true if and only if `id` is a valid plugin id: non-empty, `[a-z0-9_-]+`.
pub const fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    if bytes.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-') {
            return false;
        }
        i += 1;
    }
    true
}

/// Frees a buffer made by [`call`]. Exported through the descriptor's `free_buf`.
///
/// # Safety
///
/// `buf` must have been written by [`call`] in this same plugin and not freed before.
pub unsafe extern "C" fn free_buf(buf: RawBuf) {
    // A panic cannot cross `extern "C"`: drop inside the guard (freeing does not panic, but be sure).
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the caller hands back a buffer that `call` made with `RawBuf::from_vec` in this binary.
        drop(unsafe { buf.into_vec() });
    }));
}

/// Runs one method for the exported `call` shim: decodes the arguments, dispatches to the plugin, catches panics
/// and writes the JSON answer to `out`.
///
/// # Safety
///
/// `method` must point to `method_len` readable bytes and `input` to `input_len` readable bytes (either may be null
/// when its length is 0), and `out` must be null or valid for a write of a [`RawBuf`].
pub unsafe fn call<P: Plugin>(
    instance: fn() -> &'static P,
    method: *const u8,
    method_len: usize,
    input: *const u8,
    input_len: usize,
    out: *mut RawBuf,
) -> i32 {
    if out.is_null() {
        return STATUS_ERROR;
    }
    install_panic_hook();
    IN_CALL.with(|c| c.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the caller guarantees the pointer/length pairs describe readable memory.
        let method = unsafe { bytes(method, method_len) };
        // SAFETY: as above.
        let input = unsafe { bytes(input, input_len) };
        let method =
            std::str::from_utf8(method).map_err(|_| crate::PluginError::new("the method name is not UTF-8"))?;
        dispatch(instance(), method, input)
    }));
    IN_CALL.with(|c| c.set(false));
    let (status, body) = match result {
        Ok(Ok(output)) => (STATUS_OK, output),
        Ok(Err(err)) => (
            STATUS_ERROR,
            reply(ErrorReply {
                error: Some(err.message().to_owned()),
                panic: None,
            }),
        ),
        Err(payload) => {
            let mut message = panic_message(payload.as_ref());
            if let Some(at) = PANIC_AT.with(|p| p.borrow_mut().take()) {
                message = format!("{message} (at {at})");
            }
            // Dropping a payload runs its destructor, which could itself panic: keep that inside a guard too.
            let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
            (
                STATUS_PANIC,
                reply(ErrorReply {
                    error: None,
                    panic: Some(message),
                }),
            )
        }
    };
    // SAFETY: `out` is non-null (checked above) and the caller guarantees it is valid for a write.
    unsafe { out.write(RawBuf::from_vec(body)) };
    status
}

thread_local! {
    /// True while this thread runs a plugin call.
    static IN_CALL: Cell<bool> = const { Cell::new(false) };
    /// Where the last panic of a call happened, recorded by the hook.
    static PANIC_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs, once, a panic hook that records the location of panics inside calls instead of printing them, and
/// hands every other panic to the hook that was there before.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_CALL.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                PANIC_AT.with(|p| *p.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Views a raw pointer/length pair as a slice, treating null as empty.
///
/// # Safety
///
/// Unless `ptr` is null, it must point to `len` readable bytes that stay valid for the returned lifetime.
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: guaranteed by the caller.
        unsafe { std::slice::from_raw_parts(ptr, len) }
    }
}

fn reply(reply: ErrorReply) -> Vec<u8> {
    serde_json::to_vec(&reply).unwrap_or_else(|_| b"{}".to_vec())
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

/// Exports a type implementing [`Plugin`](crate::Plugin) as a chuxin plugin.
///
/// ```ignore
/// #[derive(Default)]
/// struct Retail;
/// impl chuxin_plugin_api::Plugin for Retail { /* … */ }
///
/// chuxin_plugin_api::export_plugin! {
///     plugin: Retail,
///     id: "retail",
///     name: "Retail, FMCG & beauty",
/// }
/// ```
///
/// The type must implement `Default`; one instance is made on the first call and shared by all later ones. `id`
/// must match `[a-z0-9_-]+` (checked at compile time) and `name` is any text. The plugin's version is its
/// package version (`CARGO_PKG_VERSION`).
///
/// The expansion defines the descriptor, the `extern "C"` functions it points to, and the exported entry symbol
/// `chuxin_plugin_entry_v1`. Use the macro once per library.
#[macro_export]
macro_rules! export_plugin {
    (plugin: $ty:ty, id: $id:literal, name: $name:literal $(,)?) => {
        const _: () = {
            assert!(
                $crate::__private::is_valid_id($id),
                "a plugin id must match [a-z0-9_-]+"
            );

            fn __chuxin_instance() -> &'static $ty {
                static INSTANCE: $crate::__private::OnceLock<$ty> = $crate::__private::OnceLock::new();
                INSTANCE.get_or_init(<$ty as ::core::default::Default>::default)
            }

            unsafe extern "C" fn __chuxin_call(
                method: *const u8,
                method_len: usize,
                input: *const u8,
                input_len: usize,
                out: *mut $crate::RawBuf,
            ) -> i32 {
                // SAFETY: the host passes valid pointer/length pairs and an output slot, per the ABI.
                unsafe { $crate::__private::call::<$ty>(__chuxin_instance, method, method_len, input, input_len, out) }
            }

            static DESCRIPTOR: $crate::PluginDescriptor = $crate::PluginDescriptor {
                abi_version: $crate::ABI_VERSION,
                struct_size: $crate::DESCRIPTOR_SIZE,
                id: $crate::__private::c_str(concat!($id, "\0")),
                name: $crate::__private::c_str(concat!($name, "\0")),
                version: $crate::__private::c_str(concat!(env!("CARGO_PKG_VERSION"), "\0")),
                api_version: $crate::__private::API_VERSION_C,
                call: Some(__chuxin_call),
                free_buf: Some($crate::__private::free_buf),
            };

            /// The chuxin plugin entry point: returns this plugin's descriptor.
            #[unsafe(no_mangle)]
            pub extern "C" fn chuxin_plugin_entry_v1() -> *const $crate::PluginDescriptor {
                &DESCRIPTOR
            }
        };
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{CompareInput, CompareOutput};

    #[derive(Default)]
    struct Panicky;
    impl Plugin for Panicky {
        fn compare(&self, _: &CompareInput) -> Result<CompareOutput, crate::PluginError> {
            panic!("boom at row {}", 7)
        }
    }

    fn panicky() -> &'static Panicky {
        &Panicky
    }

    fn run(method: &str, input: &[u8]) -> (i32, String) {
        let mut out = RawBuf::empty();
        // SAFETY: valid slices and a valid output slot.
        let status = unsafe {
            call(
                panicky,
                method.as_ptr(),
                method.len(),
                input.as_ptr(),
                input.len(),
                &mut out,
            )
        };
        // SAFETY: `out` was written by `call` in this binary.
        let body = unsafe { out.into_vec() };
        (status, String::from_utf8(body).unwrap())
    }

    #[test]
    fn ids_are_checked() {
        assert!(is_valid_id("retail"));
        assert!(is_valid_id("f-and_b2"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("Retail"));
        assert!(!is_valid_id("re tail"));
    }

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        let (status, body) = run("compare", br#"{"comparison":"x","client_brand":"A"}"#);
        assert_eq!(status, STATUS_PANIC);
        assert!(
            body.starts_with(r#"{"panic":"boom at row 7 (at crates/plugin-api/src/export.rs:"#),
            "{body}"
        );
    }

    #[test]
    fn errors_and_results_use_their_statuses() {
        assert_eq!(run("packs", b""), (STATUS_OK, "[]".to_owned()));
        let (status, body) = run("nope", b"");
        assert_eq!(status, STATUS_ERROR);
        assert!(body.starts_with(r#"{"error":"unknown method `nope`"#), "{body}");
    }
}
