//! The finance pack passes chuxin-core's own pack validation and meets the plugin pack rules (the checks are in
//! `plugins/pack_test.rs`, shared by the three plugins).

#[path = "../../pack_test.rs"]
#[macro_use]
mod pack_test;

pack_tests!("finance", chuxin_plugin_finance);
