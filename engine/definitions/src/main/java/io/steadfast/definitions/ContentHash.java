package io.steadfast.definitions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content hash of a resolved definition, recorded with every gate decision so that it can be
 * reproduced: the SHA-256, in lower-case hex, of a canonical JSON form in which record components
 * and map keys are sorted, numbers are written in their shortest decimal form ({@code 1} and
 * {@code 1.0} agree), durations in ISO-8601, enums by name, and absent (null) fields left out. The hash therefore depends on what a
 * definition means, not on key order or number spelling in its YAML. List order is kept: it is part
 * of the meaning (a suite's tests, a cpu fault's stages).
 */
public final class ContentHash {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContentHash() {
    }

    /** The hash of a resolved {@code TestSuite} or {@code Standard} (any record of the model works). */
    public static String of(Object definition) {
        try {
            byte[] json = JSON.writeValueAsBytes(canonical(definition));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash " + definition, e);
        }
    }

    /** The canonical form as JSON text, for debugging a hash that differs. */
    public static String canonicalJson(Object definition) {
        try {
            return new String(JSON.writeValueAsBytes(canonical(definition)), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + definition, e);
        }
    }

    private static Object canonical(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Duration || value instanceof Instant) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put(String.valueOf(key), canonical(item)));
            return sorted;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> items = new ArrayList<>();
            collection.forEach(item -> items.add(canonical(item)));
            return items;
        }
        if (value instanceof Record model) {
            Map<String, Object> components = new TreeMap<>();
            for (RecordComponent component : model.getClass().getRecordComponents()) {
                try {
                    Object item = component.getAccessor().invoke(model);
                    if (item != null) { // so a field added to the model later leaves older definitions' hashes alone
                        components.put(component.getName(), canonical(item));
                    }
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + component.getName() + " of " + model, e);
                }
            }
            return components;
        }
        throw new IllegalArgumentException("cannot hash a " + value.getClass().getName()
                + ", but was given one; only model records and their values are hashed");
    }
}
