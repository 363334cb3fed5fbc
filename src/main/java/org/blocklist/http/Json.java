package org.blocklist.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one JSON mapper: strict on input (no coercion between strings, numbers and booleans, no
 * duplicate keys, no unknown fields, nothing after the value), compact output. A refused body is a
 * 400 whose message names the field and what was expected, in words, never the library's.
 */
final class Json {
  /** Deepest nesting accepted in a request body; our bodies are two levels deep. */
  static final int MAX_NESTING = 16;

  static final ObjectMapper MAPPER = mapper();

  private Json() {}

  private static ObjectMapper mapper() {
    JsonMapper m =
        JsonMapper.builder(
                JsonFactory.builder()
                    .streamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    for (LogicalType type : LogicalType.values()) {
      for (CoercionInputShape shape :
          List.of(
              CoercionInputShape.Integer,
              CoercionInputShape.Float,
              CoercionInputShape.Boolean,
              CoercionInputShape.String,
              CoercionInputShape.EmptyString)) {
        m.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
      }
    }
    // A string is a string: only the coercions into other types above are refused.
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert);
    return m;
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getName(), e);
    }
  }

  /** Reads a request body as {@code type}; any problem is a 400 that says what was wrong. */
  static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw ApiException.badRequest("request body: empty (expected: a JSON object)");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest("request body: null (expected: a JSON object)");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(describe(e, type));
    } catch (IOException e) {
      throw ApiException.badRequest("request body: unreadable");
    }
  }

  private static String describe(JsonProcessingException e, Class<?> type) {
    if (e instanceof UnrecognizedPropertyException u) {
      return name(u.getPropertyName())
          + ": unknown field (expected: "
          + fields(u.getReferringClass())
          + ")";
    }
    if (e instanceof MismatchedInputException m) {
      return path(m)
          + ": "
          + shape(m)
          + " (expected: "
          + expected(m.getTargetType() == null ? type : m.getTargetType())
          + ")";
    }
    if (e instanceof JsonEOFException) {
      return "request body: not valid JSON (it ends too early)";
    }
    if (e instanceof StreamConstraintsException) {
      return "request body: nested deeper than " + MAX_NESTING + " levels";
    }
    if (e instanceof JsonParseException p && p.getMessage().startsWith("Duplicate field")) {
      String name = p.getProcessor() == null ? null : currentName(p.getProcessor());
      return (name == null ? "a field" : name(name)) + ": given twice (expected: once)";
    }
    if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException) {
      return path(m) + ": " + m.getCause().getMessage();
    }
    return e.getLocation() == null
        ? "request body: not valid JSON"
        : "request body: not valid JSON at line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr();
  }

  /** Longest field name echoed in a message; longer ones are cut. */
  static final int MAX_ECHOED_NAME = 64;

  private static final java.util.regex.Pattern PLAIN_NAME =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  /**
   * A field name from the request as a message shows it: as it is when it is a plain identifier,
   * else quoted with every character outside printable ASCII escaped and cut after {@value
   * #MAX_ECHOED_NAME} characters, so that a message never carries raw control characters or an
   * unbounded echo of the input.
   */
  static String name(String field) {
    if (PLAIN_NAME.matcher(field).matches()) {
      return field;
    }
    StringBuilder b = new StringBuilder("\"");
    int end = Math.min(field.length(), MAX_ECHOED_NAME);
    for (int i = 0; i < end; i++) {
      char c = field.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append(field.length() > MAX_ECHOED_NAME ? "...\"" : "\"").toString();
  }

  private static String currentName(JsonParser parser) {
    try {
      return parser.currentName();
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code domains[2]}, or {@code request body} for the root. */
  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(name(r.getFieldName()));
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.length() == 0 ? "request body" : b.toString();
  }

  /** What the body held where the mismatch was found, in words. */
  private static String shape(MismatchedInputException m) {
    String message = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
    java.util.regex.Matcher token = TOKEN.matcher(message);
    if (token.find()) {
      return shape(JsonToken.valueOf(token.group(1)));
    }
    java.util.regex.Matcher coerce = COERCE.matcher(message);
    if (coerce.find()) {
      return switch (coerce.group(1) != null ? coerce.group(1) : coerce.group(2)) {
        case "Integer", "Float", "Number" -> "a number";
        case "Boolean" -> "a boolean";
        case "Object" -> "an object";
        case "Array" -> "a list";
        default -> "a string";
      };
    }
    JsonParser p = m.getProcessor() instanceof JsonParser parser ? parser : null;
    return p == null || p.currentToken() == null ? "an unexpected value" : shape(p.currentToken());
  }

  private static final java.util.regex.Pattern TOKEN =
      java.util.regex.Pattern.compile("token `JsonToken\\.([A-Z_]+)`");
  private static final java.util.regex.Pattern COERCE =
      java.util.regex.Pattern.compile("Cannot coerce (\\w+)|from (\\w+) value");

  private static String shape(JsonToken token) {
    return switch (token) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_STRING -> "a string";
      case START_ARRAY, END_ARRAY -> "a list";
      case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
      case VALUE_NULL -> "null";
      default -> "an unexpected value";
    };
  }

  private static String expected(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list of strings";
    }
    if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    return "a JSON object";
  }

  /** The fields of a body type, in declaration order. */
  private static String fields(Class<?> type) {
    RecordComponent[] components = type == null ? null : type.getRecordComponents();
    if (components == null || components.length == 0) {
      return "none";
    }
    return Arrays.stream(components)
        .map(RecordComponent::getName)
        .collect(Collectors.joining(", "));
  }
}
