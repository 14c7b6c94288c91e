package io.breakwater.core.antrea;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AntreaYamlTest {

    private static String annotated(String value) {
        var spec = new Tier.Spec(30, "d");
        return AntreaYaml.write(List.of(new Tier(ObjectMeta.of("t", Map.of(), Map.of("a", value)), spec)));
    }

    /** kubectl reads YAML 1.1: an unquoted 1, true, yes or null would not be the string an annotation must be. */
    @ParameterizedTest
    @ValueSource(strings = {"1", "1.5", "true", "yes", "on", "null", "0x1F"})
    void annotationValuesThatLookLikeOtherTypesAreQuoted(String value) {
        assertThat(annotated(value)).contains("  a: \"" + value + "\"\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "x-y"})
    void plainStringsStayUnquoted(String value) {
        assertThat(annotated(value)).contains("  a: " + value + "\n");
    }
}
