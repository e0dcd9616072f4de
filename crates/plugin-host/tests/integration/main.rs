//! End-to-end tests of the plugin host: they build the real plugin cdylibs and the broken fixture libraries
//! with cargo (see `artifacts`), then load them through the real loader.

mod artifacts;
mod broken;
mod good;
mod guide;
#[cfg(unix)]
mod isolated;
#[cfg(unix)]
mod protocol;
