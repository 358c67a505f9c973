//! Reference lists (bank lists, BIN lists) compiled in from the specs' data files.

/// A list of keys, each with the values listed under it, sorted by key.
#[derive(Debug)]
pub struct RefTable {
    /// The list's name in the spec.
    pub name: &'static str,
    /// `(key, values)`, sorted by key.
    pub entries: &'static [(&'static str, &'static [&'static str])],
    /// Each entry's display name (the bank's name), in the order of `entries`; empty
    /// when the list gives none.
    pub names: &'static [&'static str],
    /// Each entry's attributes, `(name, value)`, in the order of `entries`.
    pub attributes: &'static [&'static [(&'static str, &'static str)]],
}

impl RefTable {
    /// The values listed under `key`, if the key is listed.
    pub fn get(&self, key: &str) -> Option<&'static [&'static str]> {
        self.entries
            .binary_search_by(|(k, _)| (*k).cmp(key))
            .ok()
            .map(|i| self.entries[i].1)
    }

    /// The name the list gives `key`, if it lists the key with a name.
    pub fn name_of(&self, key: &str) -> Option<&'static str> {
        let i = self.entries.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
        self.names.get(i).copied().filter(|n| !n.is_empty())
    }

    /// The attribute `name` the list gives `key`, if any.
    pub fn attribute_of(&self, key: &str, name: &str) -> Option<&'static str> {
        let i = self.entries.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
        self.attributes
            .get(i)?
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    /// Whether `key` is listed.
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}
