package io.breakwater.server.domain;

/** One problem of a request: the field path ({@code rules[0].action}, empty for the whole request) and a message. */
public record FieldProblem(String path, String message) {}
