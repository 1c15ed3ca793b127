package io.fhirguard.examples;

import java.util.concurrent.CountDownLatch;

/**
 * Blocks the main thread until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes what the
 * long-running commands started, in reverse order.
 *
 * @since 1.0
 */
public final class Shutdown {
    private Shutdown() {
    }

    /**
     * Registers a shutdown hook that closes the resources, then waits for it.
     *
     * @param resources what to close on shutdown, closed last to first
     */
    public static void awaitThenClose(AutoCloseable... resources) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = resources.length - 1; i >= 0; i--) {
                try {
                    resources[i].close();
                } catch (Exception e) {
                    System.err.println("while stopping: " + e);
                }
            }
            stopped.countDown();
        }, "fhir-guard-examples-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
