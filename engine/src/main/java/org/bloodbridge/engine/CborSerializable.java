package org.bloodbridge.engine;

/**
 * Marker for messages, events and snapshots that Pekko serializes with Jackson CBOR
 * (bound in serialization.conf). Never Java serialization.
 */
public interface CborSerializable {}
