// Json: a minimal, strict JSON reader for the core's summary, so this module needs no JSON
// library (org.json is Android-only). Numbers become Double, objects LinkedHashMap.
// Malformed input throws IllegalArgumentException; it never loops or recurses unbounded.
package app.tally.ui

/** Parses [text] as one JSON value. */
internal fun parseJson(text: String): Any? = JsonReader(text).run {
    val v = value(0)
    ws()
    require(i == s.length) { "trailing data at $i" }
    v
}

private class JsonReader(val s: String) {
    var i = 0

    fun ws() {
        while (i < s.length && s[i] in " \t\r\n") i++
    }

    fun value(depth: Int): Any? {
        require(depth < 64) { "nested too deeply" }
        ws()
        require(i < s.length) { "unexpected end" }
        return when (s[i]) {
            '{' -> {
                i++
                val m = LinkedHashMap<String, Any?>()
                ws()
                if (s.getOrNull(i) == '}') { i++; return m }
                while (true) {
                    ws()
                    val k = string()
                    ws()
                    expect(':')
                    m[k] = value(depth + 1)
                    ws()
                    if (s.getOrNull(i) == ',') { i++; continue }
                    expect('}')
                    return m
                }
                @Suppress("UNREACHABLE_CODE") m
            }
            '[' -> {
                i++
                val l = ArrayList<Any?>()
                ws()
                if (s.getOrNull(i) == ']') { i++; return l }
                while (true) {
                    l += value(depth + 1)
                    ws()
                    if (s.getOrNull(i) == ',') { i++; continue }
                    expect(']')
                    return l
                }
                @Suppress("UNREACHABLE_CODE") l
            }
            '"' -> string()
            't' -> literal("true", true)
            'f' -> literal("false", false)
            'n' -> literal("null", null)
            else -> number()
        }
    }

    fun expect(c: Char) {
        require(s.getOrNull(i) == c) { "expected '$c' at $i" }
        i++
    }

    fun literal(word: String, v: Any?): Any? {
        require(s.startsWith(word, i)) { "bad literal at $i" }
        i += word.length
        return v
    }

    fun number(): Double {
        val start = i
        while (i < s.length && (s[i].isDigit() || s[i] in "+-.eE")) i++
        return s.substring(start, i).toDoubleOrNull() ?: throw IllegalArgumentException("bad number at $start")
    }

    fun string(): String {
        expect('"')
        val b = StringBuilder()
        while (true) {
            require(i < s.length) { "unterminated string" }
            val c = s[i++]
            when (c) {
                '"' -> return b.toString()
                '\\' -> {
                    require(i < s.length) { "unterminated escape" }
                    when (val e = s[i++]) {
                        '"', '\\', '/' -> b.append(e)
                        'b' -> b.append('\b')
                        'f' -> b.append('\u000C')
                        'n' -> b.append('\n')
                        'r' -> b.append('\r')
                        't' -> b.append('\t')
                        'u' -> {
                            require(i + 4 <= s.length) { "bad \\u escape" }
                            b.append(s.substring(i, i + 4).toIntOrNull(16)?.toChar() ?: throw IllegalArgumentException("bad \\u escape"))
                            i += 4
                        }
                        else -> throw IllegalArgumentException("bad escape at $i")
                    }
                }
                else -> b.append(c)
            }
        }
    }
}
