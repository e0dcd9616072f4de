//! A plugin's errors as a strategist reads them, in the run's language: a library that could not be loaded
//! ([`LoadError`]) or a call into one that failed ([`CallError`]). The plugin host gives them typed; the words
//! come from the message catalogue (`plugin.*`), with files, plugin ids, methods, versions, signal names and the
//! plugin's or the dynamic loader's own messages kept verbatim.

use chuxin_core::{Lang, msg};
use chuxin_plugin_host::api::{API_VERSION, ENTRY_SYMBOL};
use chuxin_plugin_host::{
    CallError, CallErrorKind, LoadError, LoadErrorKind, ProcessError, error_chain, isolation, seconds, signal_name,
    size,
};

use crate::io_cause;

/// A plugin that could not be loaded, in `lang`: the file, then why.
pub fn load_error_text(e: &LoadError, lang: Lang) -> String {
    msg!(
        lang,
        "plugin.load_failed",
        path = e.path.display(),
        reason = load_reason(&e.kind, lang)
    )
}

/// A call into a plugin that failed, in `lang`: the plugin, its file and the method, then why.
pub fn call_error_text(e: &CallError, lang: Lang) -> String {
    msg!(
        lang,
        "plugin.call_failed",
        plugin = e.plugin,
        path = e.path.display(),
        method = e.method,
        reason = call_reason(&e.kind, lang)
    )
}

fn load_reason(kind: &LoadErrorKind, lang: Lang) -> String {
    match kind {
        LoadErrorKind::ReadDir(e) => msg!(lang, "plugin.load.read_dir", cause = io_cause(e, lang)),
        LoadErrorKind::Io(e) => msg!(lang, "plugin.load.io", cause = io_cause(e, lang)),
        LoadErrorKind::NotRegularFile => msg!(lang, "plugin.load.not_regular_file"),
        LoadErrorKind::NotSharedLibrary(detail) => {
            msg!(lang, "plugin.load.not_shared_library", detail = detail)
        }
        LoadErrorKind::Open(message) => msg!(lang, "plugin.load.open", message = message),
        LoadErrorKind::MissingEntry(_) => msg!(lang, "plugin.load.missing_entry", symbol = ENTRY_SYMBOL),
        LoadErrorKind::NullDescriptor => msg!(lang, "plugin.load.null_descriptor", symbol = ENTRY_SYMBOL),
        LoadErrorKind::AbiMismatch { found, expected } => msg!(
            lang,
            "plugin.load.abi_mismatch",
            found = found,
            expected = expected,
            api = API_VERSION
        ),
        LoadErrorKind::DescriptorTooSmall { found, expected, abi } => msg!(
            lang,
            "plugin.load.descriptor_too_small",
            found = found,
            expected = expected,
            abi = abi
        ),
        LoadErrorKind::BadDescriptor { field, problem } => {
            msg!(lang, "plugin.load.bad_descriptor", field = field, problem = problem)
        }
        LoadErrorKind::BadId(id) => msg!(lang, "plugin.load.bad_id", id = id),
        LoadErrorKind::Process(p) => process_reason(p, lang),
        LoadErrorKind::Child(message) => msg!(lang, "plugin.load.child", message = message),
        LoadErrorKind::DuplicateId { id, first } => {
            msg!(lang, "plugin.load.duplicate_id", id = id, first = first.display())
        }
        LoadErrorKind::Setting(s) => {
            // What the two settings expect, from the catalogue; another setting as the host words it.
            let expected = match s.variable {
                isolation::TIMEOUT_ENV => msg!(lang, "plugin.setting.chuxin_plugin_timeout"),
                isolation::MEMORY_ENV => msg!(lang, "plugin.setting.chuxin_plugin_memory"),
                _ => s.expected.to_string(),
            };
            msg!(
                lang,
                "plugin.load.setting",
                variable = s.variable,
                value = s.value,
                expected = expected
            )
        }
        // Variants the host adds later, as the host words them.
        other => error_chain(other),
    }
}

fn call_reason(kind: &CallErrorKind, lang: Lang) -> String {
    match kind {
        CallErrorKind::Reported(message) => msg!(lang, "plugin.call.reported", message = message),
        CallErrorKind::Panicked(message) => msg!(lang, "plugin.call.panicked", message = message),
        CallErrorKind::InvalidJson { snippet, source } => msg!(
            lang,
            "plugin.call.invalid_json",
            snippet = snippet,
            line = source.line(),
            column = source.column()
        ),
        CallErrorKind::UnknownStatus(status) => msg!(lang, "plugin.call.unknown_status", status = status),
        CallErrorKind::EncodeInput(_) => msg!(lang, "plugin.call.encode_input"),
        CallErrorKind::Process(p) => process_reason(p, lang),
        other => error_chain(other),
    }
}

fn process_reason(p: &ProcessError, lang: Lang) -> String {
    match p {
        ProcessError::Spawn { program, source } => msg!(
            lang,
            "plugin.process.spawn",
            program = program.display(),
            cause = io_cause(source, lang)
        ),
        ProcessError::Signal { signal } => {
            let meaning = signal_name(*signal).and_then(|name| {
                signal_meaning(name, lang).map(|meaning| {
                    msg!(
                        lang,
                        "plugin.process.signal_named",
                        signal = signal,
                        name = name,
                        meaning = meaning
                    )
                })
            });
            meaning.unwrap_or_else(|| msg!(lang, "plugin.process.signal", signal = signal))
        }
        ProcessError::Exited { code } => msg!(lang, "plugin.process.exited", code = code),
        ProcessError::TimedOut { limit } => msg!(
            lang,
            "plugin.process.timed_out",
            seconds = seconds(*limit),
            setting = isolation::TIMEOUT_ENV
        ),
        ProcessError::ReplyTooLarge { len, cap } => msg!(
            lang,
            "plugin.process.reply_too_large",
            len = len,
            size = size(*len),
            cap = size(*cap)
        ),
        ProcessError::Protocol(detail) => msg!(lang, "plugin.process.protocol", detail = detail),
        ProcessError::Io(e) => msg!(lang, "plugin.process.io", cause = io_cause(e, lang)),
        // The reason was reported with the earlier call (the host keeps it as English text only).
        ProcessError::Lost { method, .. } => msg!(lang, "plugin.process.lost", method = method),
        other => error_chain(other),
    }
}

/// What a signal means, in `lang`, for the signals a plugin's process commonly dies of.
fn signal_meaning(name: &str, lang: Lang) -> Option<String> {
    Some(match name {
        "SIGSEGV" => msg!(lang, "plugin.signal.sigsegv"),
        "SIGBUS" => msg!(lang, "plugin.signal.sigbus"),
        "SIGABRT" => msg!(lang, "plugin.signal.sigabrt"),
        "SIGKILL" => msg!(lang, "plugin.signal.sigkill"),
        "SIGILL" => msg!(lang, "plugin.signal.sigill"),
        "SIGFPE" => msg!(lang, "plugin.signal.sigfpe"),
        "SIGTERM" => msg!(lang, "plugin.signal.sigterm"),
        "SIGINT" => msg!(lang, "plugin.signal.sigint"),
        "SIGPIPE" => msg!(lang, "plugin.signal.sigpipe"),
        _ => return None,
    })
}
