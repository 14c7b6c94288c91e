package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.DesiredState;
import java.util.List;

/**
 * Turns the server's DFW groups and policies into Antrea objects. Pure; the production implementation delegates
 * to the core realization ({@code io.breakwater.core.antrea}).
 */
public interface Realization {

    Realized realize(DesiredState state);

    /** {@code problems}: rules or groups that could not be realized, worded {@code path: message}. */
    record Realized(List<AntreaObject> objects, List<String> problems) {
        public Realized {
            objects = List.copyOf(objects);
            problems = List.copyOf(problems);
        }
    }
}
