//! The C types that cross the boundary between the host and a plugin.
//!
//! Everything here is `#[repr(C)]` and made only of fixed-width integers, raw pointers and `extern "C"`
//! function pointers, so that a host and a plugin built by different compilers (or different builds of the same
//! compiler) agree on the layout. Rich data never crosses as Rust types: it crosses as JSON bytes (see
//! [`crate::protocol`]).
//!
//! The layout rules are in the crate docs ("The ABI" and "Versioning"); the short form is: the first two fields of
//! [`PluginDescriptor`] never change, fields are only ever appended, and any other change bumps [`ABI_VERSION`]
//! together with the number in [`ENTRY_SYMBOL`].

use std::ffi::c_char;

/// The version of the C ABI described in this module.
///
/// A host refuses a plugin whose descriptor reports another number, before it calls anything in the plugin.
pub const ABI_VERSION: u32 = 1;

/// The name of the one symbol a plugin exports: a function of type [`EntryFn`].
///
/// The ABI major is part of the name, so a host of ABI 1 does not even find the entry of a plugin built for ABI 2.
pub const ENTRY_SYMBOL: &str = "chuxin_plugin_entry_v1";

/// [`ENTRY_SYMBOL`] with its terminating NUL, as `dlsym` wants it.
pub const ENTRY_SYMBOL_NUL: &[u8] = b"chuxin_plugin_entry_v1\0";

/// The version of this crate, as stored in every descriptor's `api_version`.
pub const API_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Status returned by [`CallFn`] when the output buffer holds the method's JSON result.
pub const STATUS_OK: i32 = 0;
/// Status returned by [`CallFn`] when the output buffer holds `{"error": "…"}`.
pub const STATUS_ERROR: i32 = 1;
/// Status returned by [`CallFn`] when the method panicked; the output buffer holds `{"panic": "…"}`.
pub const STATUS_PANIC: i32 = 2;

/// The signature of the exported entry symbol: returns a pointer to the plugin's `'static` descriptor.
pub type EntryFn = unsafe extern "C" fn() -> *const PluginDescriptor;

/// The signature of [`PluginDescriptor::call`].
///
/// Arguments: the method name (UTF-8 bytes, not NUL-terminated) and its length, the JSON input and its length, and
/// a buffer the plugin fills with its JSON output. The return value is one of [`STATUS_OK`], [`STATUS_ERROR`],
/// [`STATUS_PANIC`]. Whatever the status, the host must hand the output buffer back to
/// [`PluginDescriptor::free_buf`].
pub type CallFn = unsafe extern "C" fn(
    method: *const u8,
    method_len: usize,
    input: *const u8,
    input_len: usize,
    out: *mut RawBuf,
) -> i32;

/// The signature of [`PluginDescriptor::free_buf`]: frees a buffer that the same plugin allocated.
pub type FreeBufFn = unsafe extern "C" fn(buf: RawBuf);

/// A byte buffer allocated by a plugin: the three parts of a `Vec<u8>`.
///
/// Each plugin carries its own allocator, so only the plugin that made a buffer may free it: the host copies the
/// bytes out and passes the buffer back to that plugin's `free_buf`. A buffer with a null `ptr` is empty and owns
/// nothing.
#[repr(C)]
#[derive(Debug)]
pub struct RawBuf {
    /// Start of the bytes, or null for an empty buffer.
    pub ptr: *mut u8,
    /// Number of initialised bytes.
    pub len: usize,
    /// Capacity of the allocation, needed to free it.
    pub cap: usize,
}

impl RawBuf {
    /// Returns an empty buffer that owns nothing.
    pub const fn empty() -> RawBuf {
        RawBuf {
            ptr: std::ptr::null_mut(),
            len: 0,
            cap: 0,
        }
    }

    /// Gives up a vector's allocation to a `RawBuf`.
    ///
    /// The buffer must come back to [`RawBuf::into_vec`] in the same binary (that is what the plugin's `free_buf`
    /// does), or the memory leaks.
    pub fn from_vec(bytes: Vec<u8>) -> RawBuf {
        let mut bytes = std::mem::ManuallyDrop::new(bytes);
        RawBuf {
            ptr: bytes.as_mut_ptr(),
            len: bytes.len(),
            cap: bytes.capacity(),
        }
    }

    /// Takes back the vector behind a buffer made by [`RawBuf::from_vec`].
    ///
    /// # Safety
    ///
    /// `self` must have been returned by [`RawBuf::from_vec`] in this same binary (so by the same allocator), its
    /// fields must be unchanged, and it must not have been turned back into a vector before. An empty buffer (null
    /// `ptr`) is always fine.
    pub unsafe fn into_vec(self) -> Vec<u8> {
        if self.ptr.is_null() {
            return Vec::new();
        }
        // SAFETY: the caller guarantees the three parts come from a `Vec<u8>` of this allocator, given up once.
        unsafe { Vec::from_raw_parts(self.ptr, self.len, self.cap) }
    }
}

/// What the entry symbol returns: the plugin's identity and its two functions.
///
/// # Layout
///
/// `abi_version` and `struct_size` come first and never change, in any ABI version: a host reads `abi_version`
/// alone before it trusts anything else. New fields are appended at the end; `struct_size` tells the host how many
/// bytes the plugin's descriptor has.
///
/// The strings are NUL-terminated UTF-8 with `'static` lifetime inside the plugin. The function pointers are
/// `Option`s so that a host can reject a null pointer instead of calling it.
#[repr(C)]
#[derive(Debug)]
pub struct PluginDescriptor {
    /// [`ABI_VERSION`] of the crate the plugin was built against. Frozen: always at offset 0.
    pub abi_version: u32,
    /// `size_of::<PluginDescriptor>()` in the plugin. Frozen: always at offset 4.
    pub struct_size: u32,
    /// Plugin id, `[a-z0-9_-]+`, unique among the loaded plugins (for example `retail`).
    pub id: *const c_char,
    /// Human-readable name (for example `Retail, FMCG & beauty`).
    pub name: *const c_char,
    /// The plugin's own version (its package version).
    pub version: *const c_char,
    /// The version of `chuxin-plugin-api` the plugin was built against ([`API_VERSION`]).
    pub api_version: *const c_char,
    /// Runs one method; see [`CallFn`].
    pub call: Option<CallFn>,
    /// Frees a buffer returned by `call`; see [`FreeBufFn`].
    pub free_buf: Option<FreeBufFn>,
}

// SAFETY: a descriptor is immutable once built, its pointers refer to `'static` immutable strings inside the
// plugin, and the functions it points to are thread-safe (the plugin instance is `Sync`). Sharing `&'static
// PluginDescriptor` between threads therefore cannot race.
unsafe impl Sync for PluginDescriptor {}

// SAFETY: as for `Sync`: the descriptor owns nothing and points only at immutable `'static` data.
unsafe impl Send for PluginDescriptor {}

/// The size that [`PluginDescriptor::struct_size`] must at least have for this ABI version.
pub const DESCRIPTOR_SIZE: u32 = std::mem::size_of::<PluginDescriptor>() as u32;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frozen_prefix_is_at_fixed_offsets() {
        assert_eq!(std::mem::offset_of!(PluginDescriptor, abi_version), 0);
        assert_eq!(std::mem::offset_of!(PluginDescriptor, struct_size), 4);
    }

    #[test]
    fn entry_symbol_names_agree() {
        assert_eq!(&ENTRY_SYMBOL_NUL[..ENTRY_SYMBOL_NUL.len() - 1], ENTRY_SYMBOL.as_bytes());
        assert!(ENTRY_SYMBOL.ends_with(&format!("_v{ABI_VERSION}")));
    }

    #[test]
    fn raw_buf_round_trips() {
        let buf = RawBuf::from_vec(b"{\"a\":1}".to_vec());
        // SAFETY: made by `from_vec` just above, in this binary, given back once.
        let back = unsafe { buf.into_vec() };
        assert_eq!(back, b"{\"a\":1}");
        // SAFETY: an empty buffer owns nothing.
        assert!(unsafe { RawBuf::empty().into_vec() }.is_empty());
    }
}
