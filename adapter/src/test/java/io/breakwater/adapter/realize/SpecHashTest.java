package io.breakwater.adapter.realize;

import static io.breakwater.adapter.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecHashTest {

    @Test
    void keyOrderDoesNotChangeTheHash() {
        assertThat(SpecHash.of(json("{'a': 1, 'b': {'c': 2, 'd': 3}}")))
                .isEqualTo(SpecHash.of(json("{'b': {'d': 3, 'c': 2}, 'a': 1}")));
    }

    @Test
    void falseAndEmptyListsAndNullsDoNotChangeTheHash() {
        assertThat(SpecHash.of(json("{'name': 'r-1', 'enableLogging': false, 'ports': [], 'logLabel': null}")))
                .isEqualTo(SpecHash.of(json("{'name': 'r-1'}")));
    }

    @Test
    void integralFloatHashesLikeTheIntegerTheApiServerReturns() {
        assertThat(SpecHash.of(json("{'priority': 1.0}"))).isEqualTo(SpecHash.of(json("{'priority': 1}")));
    }

    @Test
    void emptySelectorIsNotDropped() {
        assertThat(SpecHash.of(json("{'podSelector': {}}"))).isNotEqualTo(SpecHash.of(json("{}")));
    }

    @Test
    void ruleOrderMatters() {
        assertThat(SpecHash.of(json("{'ingress': [{'name': 'a'}, {'name': 'b'}]}")))
                .isNotEqualTo(SpecHash.of(json("{'ingress': [{'name': 'b'}, {'name': 'a'}]}")));
    }
}
