//! The file check run before `dlopen`: is this a complete shared library for this machine?
//!
//! glibc's own messages for a wrong file are poor (a library for another architecture is reported as "No such file
//! or directory"), and a truncated library can be mapped and then fault when the loader touches its missing pages.
//! So on ELF platforms the host reads the ELF header and program headers itself, in safe code, and refuses:
//! a file too short for a header, no ELF magic, another word size or byte order, an object that is not `ET_DYN`,
//! another machine (`e_machine`), and a file shorter than its segments or section table say. On macOS and Windows
//! only the Mach-O / PE magic is checked.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Why a file is not a shared library for this machine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderError {
    /// Shorter than a header.
    #[error("file too short ({len} bytes)")]
    TooShort {
        /// The file's length.
        len: u64,
    },
    /// No magic number of this platform's library format.
    #[error("no {format} magic number (the file starts with {start})")]
    BadMagic {
        /// The expected format (`ELF`, `Mach-O`, `PE`).
        format: &'static str,
        /// The first bytes, described.
        start: String,
    },
    /// 32-bit library on a 64-bit host or the reverse.
    #[error("{found}-bit ELF, this host needs {expected}-bit")]
    WrongClass {
        /// The file's word size.
        found: u32,
        /// The host's word size.
        expected: u32,
    },
    /// Big-endian library on a little-endian host or the reverse.
    #[error("{found}-endian ELF, this host is {expected}-endian")]
    WrongByteOrder {
        /// The file's byte order.
        found: &'static str,
        /// The host's byte order.
        expected: &'static str,
    },
    /// An executable, an object file or a core dump rather than a shared object.
    #[error("ELF type {found} ({}), not a shared object (3)", elf_type_name(*found))]
    NotSharedObject {
        /// The file's `e_type`.
        found: u16,
    },
    /// A library for another processor.
    #[error(
        "ELF machine {found} ({}), this host needs {expected} ({})",
        machine_name(*found),
        machine_name(*expected)
    )]
    WrongMachine {
        /// The file's `e_machine`.
        found: u16,
        /// The host's `e_machine`.
        expected: u16,
    },
    /// The file ends before the data its headers describe.
    #[error("truncated: the {what} ends at byte {needed}, the file has {len} bytes")]
    Truncated {
        /// Which part is cut off.
        what: &'static str,
        /// Where it should end.
        needed: u64,
        /// The file's length.
        len: u64,
    },
}

/// Checks that the file at `path` is a complete shared library for this machine.
///
/// Returns `Err(Ok(header_error))` for a file that is not one, and `Err(Err(io_error))` when it cannot be read.
pub(crate) fn check(path: &Path) -> Result<(), Result<HeaderError, std::io::Error>> {
    let mut file = File::open(path).map_err(Err)?;
    let len = file.metadata().map_err(Err)?.len();
    let mut head = Vec::with_capacity(4096);
    file.by_ref().take(4096).read_to_end(&mut head).map_err(Err)?;
    check_bytes(&head, len, &mut file).map_err(Ok)
}

#[cfg(not(any(target_os = "macos", target_os = "ios", windows)))]
fn check_bytes(head: &[u8], len: u64, file: &mut File) -> Result<(), HeaderError> {
    elf::check(head, len, file)
}

#[cfg(any(target_os = "macos", target_os = "ios"))]
fn check_bytes(head: &[u8], len: u64, _file: &mut File) -> Result<(), HeaderError> {
    const MAGICS: [[u8; 4]; 4] = [
        [0xcf, 0xfa, 0xed, 0xfe], // 64-bit little-endian
        [0xce, 0xfa, 0xed, 0xfe], // 32-bit little-endian
        [0xca, 0xfe, 0xba, 0xbe], // universal (fat)
        [0xbe, 0xba, 0xfe, 0xca],
    ];
    if head.len() < 32 {
        return Err(HeaderError::TooShort { len });
    }
    if !MAGICS.iter().any(|m| head.starts_with(m)) {
        return Err(HeaderError::BadMagic {
            format: "Mach-O",
            start: describe_start(head),
        });
    }
    Ok(())
}

#[cfg(windows)]
fn check_bytes(head: &[u8], len: u64, _file: &mut File) -> Result<(), HeaderError> {
    if head.len() < 64 {
        return Err(HeaderError::TooShort { len });
    }
    if !head.starts_with(b"MZ") {
        return Err(HeaderError::BadMagic {
            format: "PE",
            start: describe_start(head),
        });
    }
    Ok(())
}

/// Describes the first bytes of a file for a message: quoted text when they are printable, hex otherwise.
fn describe_start(head: &[u8]) -> String {
    let start = &head[..head.len().min(8)];
    if !start.is_empty()
        && start
            .iter()
            .all(|b| b.is_ascii_graphic() || *b == b' ' || *b == b'\n' || *b == b'\t')
    {
        format!("the text {:?}", String::from_utf8_lossy(start))
    } else {
        let hex: Vec<String> = start.iter().map(|b| format!("{b:02x}")).collect();
        format!("bytes {}", hex.join(" "))
    }
}

fn elf_type_name(e_type: u16) -> &'static str {
    match e_type {
        0 => "none",
        1 => "relocatable object",
        2 => "executable",
        3 => "shared object",
        4 => "core dump",
        _ => "unknown",
    }
}

fn machine_name(machine: u16) -> &'static str {
    match machine {
        3 => "x86",
        8 => "mips",
        20 => "powerpc",
        21 => "powerpc64",
        22 => "s390",
        40 => "arm",
        62 => "x86_64",
        183 => "aarch64",
        243 => "riscv",
        258 => "loongarch",
        _ => "unknown",
    }
}

#[cfg(not(any(target_os = "macos", target_os = "ios", windows)))]
mod elf {
    use std::fs::File;
    use std::io::{Read, Seek, SeekFrom};

    use super::{HeaderError, describe_start};

    const ET_DYN: u16 = 3;
    const PT_LOAD: u32 = 1;

    /// The host's `e_machine`, or `None` on a processor this table does not know (the check is then skipped).
    const HOST_MACHINE: Option<u16> = if cfg!(target_arch = "x86_64") {
        Some(62)
    } else if cfg!(target_arch = "aarch64") {
        Some(183)
    } else if cfg!(target_arch = "x86") {
        Some(3)
    } else if cfg!(target_arch = "arm") {
        Some(40)
    } else if cfg!(any(target_arch = "riscv64", target_arch = "riscv32")) {
        Some(243)
    } else if cfg!(target_arch = "powerpc64") {
        Some(21)
    } else if cfg!(target_arch = "s390x") {
        Some(22)
    } else if cfg!(target_arch = "loongarch64") {
        Some(258)
    } else {
        None
    };

    /// Reads fixed-width integers in the file's byte order (checked to be the host's).
    struct Reader<'a> {
        bytes: &'a [u8],
        wide: bool,
    }

    impl Reader<'_> {
        fn u16(&self, at: usize) -> u16 {
            u16::from_ne_bytes([self.bytes[at], self.bytes[at + 1]])
        }
        fn u32(&self, at: usize) -> u32 {
            let b = &self.bytes[at..at + 4];
            u32::from_ne_bytes([b[0], b[1], b[2], b[3]])
        }
        /// A 64-bit field in ELF64, a 32-bit one in ELF32.
        fn word(&self, at64: usize, at32: usize) -> u64 {
            if self.wide {
                let b = &self.bytes[at64..at64 + 8];
                u64::from_ne_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
            } else {
                u64::from(self.u32(at32))
            }
        }
    }

    pub(super) fn check(head: &[u8], len: u64, file: &mut File) -> Result<(), HeaderError> {
        if head.len() < 16 {
            return Err(HeaderError::TooShort { len });
        }
        if &head[..4] != b"\x7fELF" {
            return Err(HeaderError::BadMagic {
                format: "ELF",
                start: describe_start(head),
            });
        }
        let host_bits: u32 = if cfg!(target_pointer_width = "64") { 64 } else { 32 };
        let bits = match head[4] {
            1 => 32,
            2 => 64,
            _ => 0,
        };
        if bits != host_bits {
            return Err(HeaderError::WrongClass {
                found: bits,
                expected: host_bits,
            });
        }
        let host_order = if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        };
        let order = match head[5] {
            1 => "little",
            2 => "big",
            _ => "unknown",
        };
        if order != host_order {
            return Err(HeaderError::WrongByteOrder {
                found: order,
                expected: host_order,
            });
        }
        let wide = bits == 64;
        let header_len = if wide { 64 } else { 52 };
        if head.len() < header_len {
            return Err(HeaderError::TooShort { len });
        }
        let r = Reader { bytes: head, wide };
        let e_type = r.u16(16);
        if e_type != ET_DYN {
            return Err(HeaderError::NotSharedObject { found: e_type });
        }
        let machine = r.u16(18);
        if let Some(expected) = HOST_MACHINE
            && machine != expected
        {
            return Err(HeaderError::WrongMachine {
                found: machine,
                expected,
            });
        }
        let (e_phoff, e_shoff) = (r.word(32, 28), r.word(40, 32));
        let (ph_size, ph_num) = if wide {
            (r.u16(54), r.u16(56))
        } else {
            (r.u16(42), r.u16(44))
        };
        let (sh_size, sh_num) = if wide {
            (r.u16(58), r.u16(60))
        } else {
            (r.u16(46), r.u16(48))
        };
        // Saturating: a garbage header must give a message, not an overflow.
        let ph_end = e_phoff.saturating_add(u64::from(ph_size) * u64::from(ph_num));
        within(len, ph_end, "program header table")?;
        if e_shoff != 0 {
            let sh_end = e_shoff.saturating_add(u64::from(sh_size) * u64::from(sh_num));
            within(len, sh_end, "section header table")?;
        }
        let entry_size = usize::from(ph_size);
        let min_entry = if wide { 56 } else { 32 };
        if entry_size < min_entry {
            return Ok(()); // a malformed table: let the dynamic loader give its own verdict
        }
        // Every loadable segment's bytes must be in the file: mapping past the end would fault on first touch.
        // The table fits in the file (checked above), so this allocation is at most the file's size.
        let mut table = vec![0; entry_size * usize::from(ph_num)];
        file.seek(SeekFrom::Start(e_phoff))
            .and_then(|_| file.read_exact(&mut table))
            .map_err(|_| HeaderError::Truncated {
                what: "program header table",
                needed: ph_end,
                len,
            })?;
        for entry in table.chunks_exact(entry_size) {
            let p = Reader { bytes: entry, wide };
            if p.u32(0) != PT_LOAD {
                continue;
            }
            let (offset, filesz) = if wide {
                (p.word(8, 0), p.word(32, 0))
            } else {
                (u64::from(p.u32(4)), u64::from(p.u32(16)))
            };
            within(len, offset.saturating_add(filesz), "loadable segment")?;
        }
        Ok(())
    }

    fn within(len: u64, needed: u64, what: &'static str) -> Result<(), HeaderError> {
        if needed > len {
            Err(HeaderError::Truncated { what, needed, len })
        } else {
            Ok(())
        }
    }
}

#[cfg(all(test, target_os = "linux", target_arch = "x86_64"))]
mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal ELF64 little-endian header with no program or section headers.
    fn header(e_type: u16, machine: u16) -> Vec<u8> {
        let mut h = vec![0u8; 64];
        h[..4].copy_from_slice(b"\x7fELF");
        h[4] = 2;
        h[5] = 1;
        h[6] = 1;
        h[16..18].copy_from_slice(&e_type.to_le_bytes());
        h[18..20].copy_from_slice(&machine.to_le_bytes());
        h[52..54].copy_from_slice(&64u16.to_le_bytes());
        h[54..56].copy_from_slice(&56u16.to_le_bytes());
        h
    }

    #[track_caller]
    fn case(bytes: &[u8], expected: Result<(), &str>) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(bytes).unwrap();
        let got = check(file.path()).map_err(|e| e.unwrap().to_string());
        assert_eq!(got, expected.map_err(str::to_owned));
    }

    #[test]
    fn headers() {
        case(b"hello\n", Err("file too short (6 bytes)"));
        case(
            b"#!/bin/sh\necho not a library\n",
            Err(r##"no ELF magic number (the file starts with the text "#!/bin/s")"##),
        );
        case(&header(3, 62), Ok(()));
        case(
            &header(3, 183),
            Err("ELF machine 183 (aarch64), this host needs 62 (x86_64)"),
        );
        case(&header(2, 62), Err("ELF type 2 (executable), not a shared object (3)"));
        let mut big = header(3, 62);
        big[5] = 2;
        case(&big, Err("big-endian ELF, this host is little-endian"));
        let mut narrow = header(3, 62);
        narrow[4] = 1;
        case(&narrow, Err("32-bit ELF, this host needs 64-bit"));
        let mut cut = header(3, 62);
        cut[32..40].copy_from_slice(&64u64.to_le_bytes()); // one program header right after the ELF header
        cut[56..58].copy_from_slice(&1u16.to_le_bytes());
        case(
            &cut,
            Err("truncated: the program header table ends at byte 120, the file has 64 bytes"),
        );
        let mut garbage = header(3, 62);
        garbage[32..40].copy_from_slice(&u64::MAX.to_le_bytes());
        garbage[56..58].copy_from_slice(&u16::MAX.to_le_bytes());
        let expected = format!(
            "truncated: the program header table ends at byte {}, the file has 64 bytes",
            u64::MAX
        );
        case(&garbage, Err(&expected));
    }
}
