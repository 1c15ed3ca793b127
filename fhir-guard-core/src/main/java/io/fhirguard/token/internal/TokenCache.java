package io.fhirguard.token.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used cache keyed by a credential's SHA-256, whose entries vanish at
 * their expiry. Thread-safe (one lock; every operation is a map lookup).
 */
final class TokenCache<V> {
    private record Entry<V>(V value, Instant until) {
    }

    private final int capacity;
    private final LinkedHashMap<String, Entry<V>> map;

    TokenCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > TokenCache.this.capacity;
            }
        };
    }

    synchronized V get(String fingerprint, Instant now) {
        Entry<V> e = map.get(fingerprint);
        if (e == null) {
            return null;
        }
        if (!now.isBefore(e.until())) {
            map.remove(fingerprint);
            return null;
        }
        return e.value();
    }

    synchronized void put(String fingerprint, V value, Instant until, Instant now) {
        if (capacity > 0 && now.isBefore(until)) {
            map.put(fingerprint, new Entry<>(value, until));
        }
    }

    synchronized void clear() {
        map.clear();
    }

    synchronized int size() {
        return map.size();
    }
}
