package org.archivist.tool.fuzz;

import java.util.List;

/** A target whose typed rejections are the given exception classes. */
abstract class SimpleTarget implements FuzzTarget {
    private final String name;
    private final List<Class<? extends Throwable>> typed;

    @SafeVarargs
    SimpleTarget(String name, Class<? extends Throwable>... typed) {
        this.name = name;
        this.typed = List.of(typed);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean typed(Throwable failure) {
        return typed.stream().anyMatch(c -> c.isInstance(failure));
    }
}
