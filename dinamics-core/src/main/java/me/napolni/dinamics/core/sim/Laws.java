package me.napolni.dinamics.core.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The registry of the laws the scenario compares, by name, in the order of its tables.
 *
 * <p>Adding a law is one line in the static block below.
 */
public final class Laws {

    /** The name of the ideal reference row in tables and JSON (not a law: see {@link IdealReference}). */
    public static final String IDEAL = "ideal";

    private static final Map<String, Supplier<Law>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put(OriginalLaw.NAME, OriginalLaw::new);
        REGISTRY.put(OpenEvseLaw.NAME, OpenEvseLaw::new);
        REGISTRY.put(SmartEvseLaw.NAME, SmartEvseLaw::new);
        REGISTRY.put(DinamicsLaw.NAME, DinamicsLaw::new);
    }

    private Laws() {
    }

    /**
     * Returns the names of every registered law, in table order.
     *
     * @return an unmodifiable list
     */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(REGISTRY.keySet()));
    }

    /**
     * Creates a fresh instance of a law.
     *
     * @param name a registered name, such as {@code original}
     * @return a new law in no particular state (the scenario calls {@link Law#powerOn} first)
     * @throws IllegalArgumentException if no law has that name
     */
    public static Law byName(String name) {
        Supplier<Law> factory = REGISTRY.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown law '" + name + "' (known: " + REGISTRY.keySet() + ")");
        }
        return factory.get();
    }
}
