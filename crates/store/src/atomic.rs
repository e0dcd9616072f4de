//! Atomic file replacement: write a temporary file beside the target, fsync it, rename it over the target, then
//! fsync the folder so the rename itself survives a crash.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically, creating missing parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // Only regular files are replaced: renaming over a device (`/dev/stdout`), a folder or a pipe would turn it
    // into a file, and renaming over a symbolic link would replace the link, not the file it points to.
    if let Ok(meta) = fs::symlink_metadata(path) {
        let kind = meta.file_type();
        if kind.is_symlink() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it is a symbolic link: chuxin writes no file through a link; give the file itself",
            ));
        }
        if !kind.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it is not a regular file (a folder, device or pipe); give a file name, or `-` for standard output",
            ));
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".chuxin-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // A temporary file is created private (0600); the file it replaces keeps its mode, a new one gets the
    // usual 0666 less the umask, so reports meant for clients are readable like any other file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match fs::metadata(path) {
            Ok(m) => m.permissions().mode() & 0o7777,
            Err(_) => 0o666 & !umask(),
        };
        tmp.as_file().set_permissions(fs::Permissions::from_mode(mode))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename durable. Opening a folder for fsync is not supported everywhere; a failure here does not
    // undo the write, so it is ignored.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    remove_stale_temporaries(dir);
    Ok(())
}

/// Removes the temporary files an interrupted write left in `dir` (`.chuxin-*.tmp` more than an hour old, so
/// that a write under way in another process is never touched). Failures are ignored: they cost only disk.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".chuxin-") && name.ends_with(".tmp")) {
            continue;
        }
        let stale = entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < hour_ago);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The process's file-creation mask (0o022 where it cannot be read).
#[cfg(unix)]
fn umask() -> u32 {
    // Reading /proc avoids the racy umask(0)/umask(old) pair, which would change the mask for every thread.
    if let Ok(status) = fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("Umask:"))
        && let Ok(mask) = u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8)
    {
        return mask;
    }
    0o022
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_write_removes_the_stale_temporaries_of_interrupted_ones_only() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".chuxin-abc.tmp");
        let fresh = dir.path().join(".chuxin-def.tmp");
        std::fs::write(&old, "half").unwrap();
        std::fs::write(&fresh, "under way").unwrap();
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        super::write_atomic(&dir.path().join("a.toml"), b"x = 1\n").unwrap();
        assert!(!old.exists());
        assert!(fresh.exists());
    }

    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.toml");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "two");
        let names: Vec<_> = fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.toml")]);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_and_existing_modes_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.html");
        write_atomic(&p, b"x").unwrap();
        let mode = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o044, 0o044 & !umask(), "group and others may read: {mode:o}");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"y").unwrap();
        assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
