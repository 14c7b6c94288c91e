package io.breakwater.server.policy;

/** Object ids as they appear in paths: any characters but '/', at most 255. */
public final class PolicyPaths {

    private PolicyPaths() {}

    public static boolean isValidId(String id) {
        return !id.isEmpty() && id.length() <= 255 && id.indexOf('/') < 0 && id.chars().noneMatch(Character::isISOControl);
    }
}
