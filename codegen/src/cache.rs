//! Modules kept between runs into the same output folder (a build script's `OUT_DIR`):
//! after a spec edit, the modules of the other specs are read back instead of generated
//! again. A module is reused only when its key is unchanged: the key hashes the checked
//! spec (every input its module is made from: the spec, its provider file, its reference
//! lists, resolved into the model), the naming options and the generator itself (its
//! executable's size and time, which change whenever it is rebuilt). The bytes are the
//! same either way; the folder's `payspec-modules.keys` lists the keys.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::model::Spec;

/// The file of module keys in the output folder.
const KEYS: &str = "payspec-modules.keys";

/// The keys of the modules in one output folder.
pub struct Cache {
    dir: PathBuf,
    /// The generator and naming options: part of every key.
    base: u64,
    /// The keys the folder's modules were written with.
    stored: BTreeMap<String, u64>,
    /// The keys of this run's modules.
    current: Mutex<BTreeMap<String, u64>>,
}

impl Cache {
    /// The cache of `dir`, for modules named `naming` (the runtime path, the crate name);
    /// `None` when the generator cannot be identified (then nothing is reused).
    pub fn open(dir: &Path, naming: &[Option<&str>]) -> Option<Cache> {
        let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        let built = exe.modified().ok()?;
        let mut hasher = DefaultHasher::new();
        (env!("CARGO_PKG_VERSION"), exe.len(), built, naming).hash(&mut hasher);
        let stored = std::fs::read_to_string(dir.join(KEYS))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                let (module, key) = line.split_once(' ')?;
                Some((module.to_string(), u64::from_str_radix(key, 16).ok()?))
            })
            .collect();
        Some(Cache {
            dir: dir.to_path_buf(),
            base: hasher.finish(),
            stored,
            current: Mutex::new(BTreeMap::new()),
        })
    }

    /// The module of `spec` as the folder holds it, when it was written from the same
    /// spec by the same generator; this run's key is kept for [`Cache::save`] either way.
    pub fn reuse(&self, spec: &Spec, file: &str) -> Option<String> {
        let mut hasher = DefaultHasher::new();
        self.base.hash(&mut hasher);
        format!("{spec:?}").hash(&mut hasher);
        let key = hasher.finish();
        if let Ok(mut current) = self.current.lock() {
            current.insert(file.to_string(), key);
        }
        if self.stored.get(file) != Some(&key) {
            return None;
        }
        std::fs::read_to_string(self.dir.join(file)).ok()
    }

    /// Removes the folder's keys before its modules are written: if writing stops half
    /// way, no key vouches for a module it did not write.
    pub fn invalidate(&self) -> std::io::Result<()> {
        match std::fs::remove_file(self.dir.join(KEYS)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Writes this run's keys, once its modules are written.
    pub fn save(&self) -> std::io::Result<()> {
        let current = self.current.lock().map(|c| c.clone()).unwrap_or_default();
        let text: String = current
            .iter()
            .map(|(file, key)| format!("{file} {key:016x}\n"))
            .collect();
        std::fs::write(self.dir.join(KEYS), text)
    }
}
