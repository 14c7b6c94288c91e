package io.breakwater.core.problem;

public enum Severity { ERROR, WARNING }
