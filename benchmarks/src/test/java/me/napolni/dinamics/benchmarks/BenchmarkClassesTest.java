package me.napolni.dinamics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/** Every benchmark class of the module is wired as the gate expects (classes enumerated from the build output). */
class BenchmarkClassesTest {

    @Test
    void shouldNameAnExistingBaselineInTheSameClassWhenABenchmarkIsCompared() throws Exception {
        List<Class<?>> classes = benchmarkClasses();
        assertTrue(classes.size() >= 4, "found " + classes);
        for (Class<?> type : classes) {
            assertTrue(BenchmarkBase.class.isAssignableFrom(type), type + " takes its JMH settings from BenchmarkBase");
            boolean compared = false;
            for (Method method : type.getMethods()) {
                Against rule = method.getAnnotation(Against.class);
                if (rule == null) {
                    continue;
                }
                compared = true;
                assertNotNull(method.getAnnotation(Benchmark.class), method + " is a benchmark");
                Method baseline = type.getMethod(rule.baseline());
                assertNotNull(baseline.getAnnotation(Benchmark.class), baseline + " is a benchmark");
                assertTrue(baseline.getAnnotation(Against.class) == null, baseline + " is a baseline, not compared");
            }
            assertTrue(compared, type + " compares at least one benchmark with its baseline");
        }
    }

    private static List<Class<?>> benchmarkClasses() throws IOException, ReflectiveOperationException {
        Path root;
        try {
            root = Path.of(BenchmarkBase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path folder = root.resolve(BenchmarkBase.class.getPackageName().replace('.', '/'));
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith("Benchmark.class")) {
                    out.add(Class.forName(BenchmarkBase.class.getPackageName() + "."
                            + name.substring(0, name.length() - ".class".length())));
                }
            }
        }
        assertFalse(out.isEmpty(), "no benchmark class in " + folder);
        return out;
    }
}
