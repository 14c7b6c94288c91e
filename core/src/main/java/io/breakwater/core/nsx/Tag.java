package io.breakwater.core.nsx;

/** An NSX tag: {@code scope} up to 128 characters, {@code tag} up to 256. */
public record Tag(String scope, String tag) {}
