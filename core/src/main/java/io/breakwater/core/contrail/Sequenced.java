package io.breakwater.core.contrail;

/** A reference by name with its sequence number in the holding object: lower sequences are evaluated first. */
public record Sequenced(int sequence, String name) {}
