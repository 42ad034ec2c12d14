package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.rapi.RapiClient;
import me.napolni.dinamics.rapi.RapiClientOptions;
import me.napolni.dinamics.rapi.RapiErrorReason;
import me.napolni.dinamics.rapi.RapiException;
import me.napolni.dinamics.rapi.RapiNotificationListener;
import me.napolni.dinamics.rapi.RapiRequests;
import me.napolni.dinamics.rapi.RawReply;
import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.transport.RapiTransport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A {@link RapiLink} backed by the {@code rapi-protocol} {@link RapiClient}: sequence ids when the controller
 * echoes them, one request in flight, notifications on the client's delivery thread. The charger port drives
 * reconnects itself (the client's automatic reopen is off), so a lost port shows as a closed link.
 */
public final class RapiClientLink implements RapiLink {

    private final RapiClient client;
    private final String name;

    private RapiClientLink(RapiClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /**
     * Opens a transport and connects a client to it.
     *
     * @param transport the transport, closed
     * @param listener gets notifications and the loss of the link
     * @return the link
     * @throws IOException when the port cannot be opened
     */
    public static RapiClientLink open(RapiTransport transport, Listener listener) throws IOException {
        RapiClient client = RapiClient.connect(transport, RapiClientOptions.defaults().withAutoReopen(false));
        RapiNotificationListener forward = notification -> {
            RapiFrame frame = notification.raw();
            listener.onNotification(frame.command(), fields(frame), raw(frame));
        };
        client.addListener(forward);
        RapiClientLink link = new RapiClientLink(client, transport.describe());
        try {
            client.probeSequenceIds();      // $GV with an id: the controller decides whether ids are used
        } catch (RapiException e) {
            if (!e.retryable() || e.reason() == RapiErrorReason.PORT_UNAVAILABLE) {
                client.close();
                throw e;
            }
            // no answer yet: the port counts it, the link stays open (a silent controller is CON_ERROR, not gone)
        }
        return link;
    }

    private static List<String> fields(RapiFrame frame) {
        List<String> fields = new ArrayList<>(frame.paramCount());
        for (int i = 0; i < frame.paramCount(); i++) {
            fields.add(frame.paramString(i));
        }
        return fields;
    }

    private static String raw(RapiFrame frame) {
        String text = frame.toString();
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public CompletableFuture<Reply> request(String command, long timeoutMs) {
        CompletableFuture<Reply> result = new CompletableFuture<>();
        try {
            RawReply reply = client.send(RapiRequests.raw("$" + command), timeoutMs);
            result.complete(new Reply(reply.ok(), reply.fields(), raw(reply.frame())));
        } catch (RapiException e) {
            if (e.reason() == RapiErrorReason.TIMEOUT || e.reason() == RapiErrorReason.CORRUPTED_REQUEST
                    || e.reason() == RapiErrorReason.MALFORMED_REPLY || e.reason() == RapiErrorReason.BAD_SEQUENCE) {
                TimeoutException timeout = new TimeoutException(name + ": " + e.getMessage());
                timeout.initCause(e);
                result.completeExceptionally(timeout);
            } else {
                result.completeExceptionally(e);
            }
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public boolean open() {
        return client.isConnected();
    }

    @Override
    public void close() {
        client.close();
    }
}
