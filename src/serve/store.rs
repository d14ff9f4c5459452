//! The short-lived store of results: what a download of a result comes from. In memory
//! only, under random keys, bounded in total size, each entry dropped after its time.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A random key: 128 bits as 32 hex digits.
pub fn random_key() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether a text is the shape of a key (so that no other text is looked up).
pub fn is_key(text: &str) -> bool {
    text.len() == 32
        && text
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

struct Entry<T> {
    stored: Instant,
    size: usize,
    value: Arc<T>,
}

struct Inner<T> {
    entries: HashMap<String, Entry<T>>,
    /// Keys, oldest first.
    order: VecDeque<String>,
    bytes: usize,
}

/// Results by key, for `ttl`, at most `max_bytes` in all (the oldest go first).
pub struct Store<T> {
    inner: Mutex<Inner<T>>,
    ttl: Duration,
    max_bytes: usize,
}

impl<T> Store<T> {
    pub fn new(ttl: Duration, max_bytes: usize) -> Store<T> {
        Store {
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                order: VecDeque::new(),
                bytes: 0,
            }),
            ttl,
            max_bytes,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<T>> {
        // A panic while holding the lock leaves consistent data (every change is one
        // step): go on with it.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Keeps a value of about `size` bytes; its key, or `None` when it is larger than the
    /// whole store (or no random key could be made).
    pub fn put(&self, value: Arc<T>, size: usize) -> Option<String> {
        if size > self.max_bytes {
            return None;
        }
        let key = random_key()?;
        let mut inner = self.lock();
        Self::expire(&mut inner, self.ttl);
        while inner.bytes + size > self.max_bytes {
            let Some(old) = inner.order.pop_front() else {
                break;
            };
            if let Some(e) = inner.entries.remove(&old) {
                inner.bytes -= e.size;
            }
        }
        inner.bytes += size;
        inner.order.push_back(key.clone());
        inner.entries.insert(
            key.clone(),
            Entry {
                stored: Instant::now(),
                size,
                value,
            },
        );
        Some(key)
    }

    /// The value of a key, unless it has expired.
    pub fn get(&self, key: &str) -> Option<Arc<T>> {
        let mut inner = self.lock();
        Self::expire(&mut inner, self.ttl);
        inner.entries.get(key).map(|e| Arc::clone(&e.value))
    }

    /// Drops the expired entries.
    pub fn sweep(&self) {
        Self::expire(&mut self.lock(), self.ttl);
    }

    /// How many entries and bytes are kept.
    pub fn usage(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.entries.len(), inner.bytes)
    }

    fn expire(inner: &mut Inner<T>, ttl: Duration) {
        while let Some(first) = inner.order.front() {
            let expired = inner
                .entries
                .get(first)
                .is_none_or(|e| e.stored.elapsed() >= ttl);
            if !expired {
                break;
            }
            if let Some(key) = inner.order.pop_front() {
                if let Some(e) = inner.entries.remove(&key) {
                    inner.bytes -= e.size;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_entries_expire_and_are_bounded() {
        let store = Store::new(Duration::from_millis(50), 100);
        let a = store.put(Arc::new("a"), 60).unwrap();
        assert!(is_key(&a));
        assert_eq!(*store.get(&a).unwrap(), "a");
        // Over the total: the oldest goes.
        let b = store.put(Arc::new("b"), 60).unwrap();
        assert_ne!(a, b);
        assert!(store.get(&a).is_none());
        assert_eq!(store.usage(), (1, 60));
        assert!(store.put(Arc::new("c"), 101).is_none());
        std::thread::sleep(Duration::from_millis(60));
        assert!(store.get(&b).is_none());
        assert_eq!(store.usage(), (0, 0));
        assert!(!is_key("../etc/passwd"));
    }
}
