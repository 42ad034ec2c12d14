package me.napolni.dinamics.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One publication a command-table row expects, and the factories the tables are written with. Shared through this
 * module's test-jar by {@code CommandTableContract} (the bridge against a fake gateway) and dinamics-host's
 * {@code GatewayCommandContract} (the assembled gateway), so both tables speak the same words.
 *
 * @param topic relative to {@code Dinamics/<serial>/}
 * @param describe what the payload must be, for messages
 * @param payload the payload check
 * @param qos the QoS of its class (T 0, S and R 1)
 * @param retained whether it is retained (S class, snapshot)
 */
public record Expect(String topic, String describe, Predicate<String> payload, int qos, boolean retained) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Tells whether a message is this publication: topic and payload (the QoS is for the caller to assert).
     *
     * @param received the message
     * @param base the topic prefix, {@code Dinamics/<serial>/}
     * @return true when it matches
     */
    public boolean matches(TestClient.Received received, String base) {
        return received.topic().equals(base + topic) && payload.test(received.text());
    }

    /**
     * Tells whether a message is this publication at its class's QoS.
     *
     * @param received the message
     * @param base the topic prefix, {@code Dinamics/<serial>/}
     * @return true when topic, QoS and payload match
     */
    public boolean matchesAtQos(TestClient.Received received, String base) {
        return received.qos() == qos && matches(received, base);
    }

    @Override
    public String toString() {
        return topic + " = " + describe;
    }

    /**
     * An S-class publication (QoS 1, retained) with exactly this payload.
     *
     * @param topic relative topic
     * @param payload the text
     * @return the expectation
     */
    public static Expect s(String topic, String payload) {
        return new Expect(topic, payload, payload::equals, 1, true);
    }

    /**
     * An R-class publication (QoS 1, not retained) with exactly this payload.
     *
     * @param topic relative topic
     * @param payload the text
     * @return the expectation
     */
    public static Expect r(String topic, String payload) {
        return new Expect(topic, payload, payload::equals, 1, false);
    }

    /**
     * An R-class publication whose payload matches a regular expression.
     *
     * @param topic relative topic
     * @param regex the whole payload's pattern
     * @return the expectation
     */
    public static Expect rMatching(String topic, String regex) {
        return new Expect(topic, "/" + regex + "/", Pattern.compile(regex).asMatchPredicate(), 1, false);
    }

    /**
     * A T-class publication (QoS 0) whose payload matches a regular expression.
     *
     * @param topic relative topic
     * @param regex the whole payload's pattern
     * @return the expectation
     */
    public static Expect tMatching(String topic, String regex) {
        return new Expect(topic, "/" + regex + "/", Pattern.compile(regex).asMatchPredicate(), 0, false);
    }

    /**
     * An R-class JSON publication that passes a check.
     *
     * @param topic relative topic
     * @param describe what it must be
     * @param check the check of the parsed payload (a null node when it is not JSON)
     * @return the expectation
     */
    public static Expect rJson(String topic, String describe, Predicate<JsonNode> check) {
        return new Expect(topic, describe, text -> check.test(json(text)), 1, false);
    }

    /**
     * The {@code ~/error} of a refused command (TOPICS.md 2), compared exactly except the free-text {@code detail}.
     *
     * @param topic the command topic, relative
     * @param payload the payload as the error shows it
     * @param reason the reason word
     * @param expected the expected range, or null when the error has none
     * @return the expectation
     */
    public static Expect error(String topic, String payload, String reason, String expected) {
        String text = "{\"topic\":\"" + topic + "\",\"payload\":\"" + payload + "\",\"reason\":\"" + reason + "\""
                + (expected == null ? "" : ",\"expected\":\"" + expected + "\"") + "}";
        // detail is free text that tests ignore (TOPICS.md section 2); everything else is compared exactly
        return new Expect("error", text, got -> withoutDetail(got).equals(text), 1, false);
    }

    /**
     * Returns an error's JSON without its {@code detail}, in compact form.
     *
     * @param text the payload
     * @return the JSON without detail, or the text itself when it is not JSON
     */
    public static String withoutDetail(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node instanceof ObjectNode object) {
                object.remove("detail");
            }
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            return text;
        }
    }

    /**
     * Parses a payload.
     *
     * @param text the payload
     * @return the JSON, or a null node when it is not JSON
     */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }
}
