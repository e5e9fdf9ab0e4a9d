"""Checks of the iOS project that need no Mac: every Swift file parses (tree-sitter's Swift
grammar), the wrapper calls the generated bindings by names and labels that exist, the
project spec, plists, entitlements, privacy manifests, string catalogs and icons agree with
each other and with what the app promises (nothing readable left behind, nothing named in a
permission alert, nothing in notifications or logs). A Swift compiler checks far more on a
Mac; these catch what can be caught here. Run by scripts/test-ios.sh, which passes the
generated Swift in TALLY_GENERATED_SWIFT.
"""

import json
import os
import plistlib
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
import tree_sitter_swift
import yaml
from tree_sitter import Language, Parser

IOS = Path(__file__).resolve().parent.parent
ROOT = IOS.parent
RESOURCES = IOS / "App" / "Resources"
SWIFT = Parser(Language(tree_sitter_swift.language()))

# Hand-written Swift only: the generated bindings are a build output.
SWIFT_FILES = sorted(p for p in IOS.rglob("*.swift") if "Generated" not in p.parts and ".build" not in p.parts)
APP_SWIFT = [p for p in SWIFT_FILES if p.parts[len(IOS.parts)] in ("App", "ShareExtension", "Shared")]


def rel(path):
    return path.relative_to(ROOT)


def parse(path):
    return SWIFT.parse(path.read_bytes())


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def text(node, src):
    return src[node.start_byte : node.end_byte].decode()


def plist(path):
    with open(path, "rb") as f:
        return plistlib.load(f)


def catalog(name):
    return json.loads((RESOURCES / name).read_text())["strings"]


# ---- Swift syntax ------------------------------------------------------------------------


@pytest.mark.parametrize("path", SWIFT_FILES, ids=lambda p: str(rel(p)))
def test_every_swift_file_parses(path):
    tree = parse(path)
    bad = [n for n in walk(tree.root_node) if n.is_error or n.is_missing]
    where = ", ".join(f"line {n.start_point[0] + 1} col {n.start_point[1] + 1}" for n in bad[:5])
    assert not bad, f"{rel(path)}: Swift syntax error at {where}"


# SwiftUI's result builder takes at most ten views in one block on iOS 16 (buildBlock has
# ten overloads); an eleventh fails to compile with an error that names neither.
VIEW_MODIFIERS_WITH_CONTENT = {"toolbar", "overlay", "background", "sheet", "fullScreenCover", "alert", "safeAreaInset"}


def view_blocks(tree, src):
    """Every block of statements a result builder turns into views: a view's body, a
    @ViewBuilder function or property, and the closures given to a view or to a modifier
    that takes views."""
    for node in walk(tree.root_node):
        if node.type == "property_declaration":
            pattern = node.child_by_field_name("name")
            name = text(pattern, src) if pattern is not None else ""
            computed = next((c for c in node.children if c.type == "computed_property"), None)
            builder = b"@ViewBuilder" in src[node.start_byte : node.end_byte].split(b"var", 1)[0]
            if computed is not None and (name == "body" or builder):
                yield from (c for c in computed.children if c.type == "statements")
        elif node.type == "function_declaration" and b"@ViewBuilder" in src[node.start_byte : node.end_byte].split(b"func", 1)[0]:
            body = next((c for c in node.children if c.type == "function_body"), None)
            yield from (c for c in body.children if c.type == "statements") if body is not None else ()
        elif node.type == "call_expression" and node.child_count >= 2:
            callee = text(node.children[0], src).split(".")[-1]
            if (callee[:1].isupper() and callee not in ("Task", "Binding")) or callee in VIEW_MODIFIERS_WITH_CONTENT:
                for suffix in (c for c in node.children if c.type == "call_suffix"):
                    lambdas = [c for c in walk(suffix) if c.type == "lambda_literal" and c.parent.type in ("call_suffix", "value_argument")]
                    for lam in lambdas:
                        yield from (c for c in lam.children if c.type == "statements")


@pytest.mark.parametrize("path", [p for p in SWIFT_FILES if "App" in p.parts and "Screens" in p.parts], ids=lambda p: str(rel(p)))
def test_no_view_block_holds_more_than_ten_views(path):
    src = path.read_bytes()
    crowded = []
    for block in view_blocks(parse(path), src):
        views = [c for c in block.children if c.type not in ("property_declaration", "comment", "multiline_comment")]
        if len(views) > 10:
            crowded.append(f"line {block.start_point[0] + 1}: {len(views)} views")
    assert not crowded, f"{rel(path)}: split into sections or a Group: " + ", ".join(crowded)


# ---- the wrapper against the generated bindings ------------------------------------------


def generated_swift():
    path = os.environ.get("TALLY_GENERATED_SWIFT")
    if not path or not Path(path).is_file():
        pytest.fail("TALLY_GENERATED_SWIFT must name the generated tally_ffi.swift (scripts/test-ios.sh sets it)")
    return Path(path)


def labels(params, src):
    out = []
    for p in params:
        ext = p.child_by_field_name("external_name")
        out.append(text(ext if ext is not None else p.child_by_field_name("name"), src))
    return tuple(out)


def declarations(path):
    """{scope: {name: [labels, ...]}} for the generated file: scope "" is top level,
    otherwise the class or struct name; inits are named "init"."""
    src = path.read_bytes()
    found = {}

    def visit(node, scope):
        for child in node.children:
            if child.type in ("class_declaration", "protocol_declaration"):
                name = text(child.child_by_field_name("name"), src)
                body = child.child_by_field_name("body")
                if child.type == "class_declaration" and body is not None:
                    visit(body, name)
            elif child.type in ("function_declaration", "init_declaration"):
                name = "init" if child.type == "init_declaration" else text(child.child_by_field_name("name"), src)
                params = [c for c in child.children if c.type == "parameter"]
                found.setdefault(scope, {}).setdefault(name, []).append(labels(params, src))
            elif child.type in ("class_body", "source_file", "statements"):
                visit(child, scope)

    visit(SWIFT.parse(src).root_node, "")
    return found


def argument_labels(suffix, src):
    """The labels of a call's arguments in parentheses ("_" for none)."""
    args = [a for v in suffix.children if v.type == "value_arguments" for a in v.children if a.type == "value_argument"]
    return [text(a.child_by_field_name("name"), src).rstrip(":").strip() if a.child_by_field_name("name") is not None else "_" for a in args]


def call_sites(path, receivers):
    """(scope, method, labels, trailing closures, line) for every call
    `receiver.method(label: …)` whose receiver is one of `receivers` (mapped to its scope)."""
    src = path.read_bytes()
    out = []
    for node in walk(SWIFT.parse(src).root_node):
        if node.type != "call_expression" or node.child_count < 2:
            continue
        callee, suffix = node.children[0], node.children[1]
        if callee.type != "navigation_expression" or suffix.type != "call_suffix":
            continue
        target = text(callee.child_by_field_name("target"), src)
        if target not in receivers:
            continue
        method = text(callee.child_by_field_name("suffix"), src).lstrip(".")
        closures = sum(1 for c in suffix.children if c.type == "lambda_literal")
        out.append((receivers[target], method, argument_labels(suffix, src), closures, node.start_point[0] + 1))
    return out


def calls(path, receivers):
    """(receiver, method, labels, line) for every call `receiver.method(label: …)`."""
    return [(scope, method, tuple(names), line) for scope, method, names, _, line in call_sites(path, receivers)]


def test_wrapper_calls_only_what_the_generated_bindings_declare():
    decls = declarations(generated_swift())
    wrapper = IOS / "Sources" / "Tally"
    receivers = {"ffi": "Diary", "$0": "Diary", "Diary": "Diary", "Tally": ""}
    wrong = []
    seen = 0
    for path in sorted(wrapper.glob("*.swift")):
        for scope, method, used, line in calls(path, receivers):
            seen += 1
            declared = decls.get(scope, {}).get(method)
            if declared is None:
                wrong.append(f"{rel(path)}:{line}: {scope or 'top level'} has no {method}")
            elif used not in declared:
                wrong.append(f"{rel(path)}:{line}: {method}({':'.join(used)}:) but the bindings take {declared}")
    assert seen > 20, f"found only {seen} calls into the bindings: is the parser reading the wrapper?"
    assert not wrong, "\n".join(wrong)


def exported_calls(path):
    """{scope: {name}} for the public and open functions of the generated Swift: scope ""
    is the free functions, otherwise the class. uniffi's converters and handles are left
    out: they are plumbing, not the library's API."""
    src = path.read_bytes()
    found = {}

    def visit(node, scope):
        for child in node.children:
            if child.type == "class_declaration":
                body = child.child_by_field_name("body")
                if body is not None:
                    visit(body, text(child.child_by_field_name("name"), src))
            elif child.type == "function_declaration":
                head = src[child.start_byte : child.end_byte].split(b"func", 1)[0]
                name = text(child.child_by_field_name("name"), src)
                if re.search(rb"\b(public|open)\b", head) and not name.startswith(("FfiConverter", "uniffi")):
                    found.setdefault(scope, set()).add(name)
            elif child.type in ("class_body", "source_file", "statements"):
                visit(child, scope)

    visit(SWIFT.parse(src).root_node, "")
    return found


def test_wrapper_calls_every_function_the_bindings_export():
    exported = exported_calls(generated_swift())
    wrapper = IOS / "Sources" / "Tally"
    receivers = {"ffi": "Diary", "$0": "Diary", "Diary": "Diary", "Tally": ""}
    used = {(scope, method) for path in wrapper.glob("*.swift") for scope, method, _, _ in calls(path, receivers)}
    wanted = {("", name) for name in exported.get("", set())} | {("Diary", name) for name in exported.get("Diary", set())}
    assert len(wanted) > 60, f"read only {sorted(wanted)} from the generated Swift"
    missing = sorted(f"{scope or 'top level'}.{name}" for scope, name in wanted - used)
    assert not missing, f"the bindings export {missing}, which ios/Sources/Tally never calls"


# The types the Swift names that neither the bindings nor this project declare: Apple's
# and the standard library's. A type the bindings renamed or dropped (as the core's views
# change) shows up here as unknown, which a compiler would have said; add an Apple type
# here deliberately, with the framework it comes from in mind.
APPLE_TYPES = {
    # Swift and Foundation
    "Any", "AnyClass", "Array", "AsyncThrowingStream", "Bool", "CVarArg", "Calendar", "CancellationError",
    "CaseIterable", "CheckedContinuation", "Data", "Date", "DateComponents", "DispatchQueue", "Double",
    "Equatable", "Error", "Hashable", "Identifiable", "Int", "Int64", "MainActor", "NSCoder", "NSError",
    "NSExtensionItem", "NSItemProvider", "NSLocalizedString", "NSLock", "NSNumber", "NSObject", "NSString",
    "Never", "ObservableObject", "Optional", "Result", "Sendable", "Set", "String", "Task", "TimeZone", "UInt32",
    "UInt64", "UInt8", "URL", "URLResourceValues", "UUID", "Unmanaged", "UserDefaults", "Void", "Package",
    # SwiftUI
    "App", "Binding", "Button", "Capsule", "Color", "DatePicker", "Environment", "EnvironmentObject", "ForEach",
    "Form", "GridItem", "Group", "HStack", "Image", "Label", "LabeledContent", "LazyVGrid", "List",
    "LocalizedStringKey", "NavigationLink", "NavigationStack", "Picker", "ProgressView", "Published",
    "Rectangle", "RoundedRectangle", "DatePickerComponents", "Scene", "ScenePhase", "ScrollView", "Section", "SecureField", "Slider",
    "Spacer", "State", "StateObject", "TabView", "Text", "TextField", "TimelineView", "Toggle", "ToolbarItem",
    "VStack", "View", "ViewBuilder", "ViewModifier", "WindowGroup", "ZStack",
    # UIKit, PhotosUI, UniformTypeIdentifiers
    "UIActivityViewController", "UIEvent", "UIGestureRecognizer", "UIGestureRecognizerDelegate", "UIImage",
    "UILabel", "UITouch", "UIView", "UIViewController", "UIViewControllerRepresentable", "UIViewRepresentable",
    "PhotosPicker", "PhotosPickerItem", "UTType",
    # AVFoundation, LocalAuthentication, Security, ImageIO and Core Foundation
    "AVCaptureDeviceInput", "AVCapturePhoto", "AVCapturePhotoCaptureDelegate", "AVCapturePhotoOutput",
    "AVCapturePhotoSettings", "AVCaptureSession", "AVCaptureVideoPreviewLayer", "LAContext", "LAError",
    "SecAccessControlCreateWithFlags", "SecItemAdd", "SecItemCopyMatching", "SecItemDelete", "SecItemUpdate",
    "CGImageSource", "CGImageSourceCreateThumbnailAtIndex", "CGImageSourceCreateWithData",
    "CGImageSourceCreateWithURL", "CFData", "CFDictionary", "CFError", "CFString", "CFTypeRef", "CFURL",
}
# Associated types of the protocols the app conforms to (View, UIViewRepresentable, ...),
# and the effects tree-sitter reads as a type after an attributed closure type
# (`@escaping @Sendable () throws -> T`).
ASSOCIATED_TYPES = {"Content", "Context", "async", "throws"}


def declared_types(path):
    src = path.read_bytes()
    out = set()
    for node in walk(SWIFT.parse(src).root_node):
        if node.type in ("class_declaration", "protocol_declaration", "typealias_declaration"):
            name = node.child_by_field_name("name")
            if name is not None and name.type in ("type_identifier", "simple_identifier"):
                out.add(text(name, src))
        elif node.type == "type_parameter":
            out |= {text(c, src) for c in node.children if c.type == "type_identifier"}
    return out


def named_types(path):
    """(name, line) for every type the file names, and every capitalised function it calls
    (initialisers), outside attributes."""
    src = path.read_bytes()
    for node in walk(SWIFT.parse(src).root_node):
        inside_attribute = False
        parent = node.parent
        while parent is not None:
            if parent.type == "attribute":
                inside_attribute = True
                break
            parent = parent.parent
        if inside_attribute:
            continue
        if node.type == "type_identifier":
            yield text(node, src), node.start_point[0] + 1
        elif node.type == "call_expression" and node.children[0].type == "simple_identifier":
            name = text(node.children[0], src)
            if name[:1].isupper():
                yield name, node.start_point[0] + 1


def test_every_type_the_swift_names_is_declared_somewhere():
    known = declared_types(generated_swift()) | APPLE_TYPES | ASSOCIATED_TYPES | {"Tally"}
    for path in SWIFT_FILES:
        known |= declared_types(path)
    unknown = sorted(
        f"{rel(path)}:{line}: {name}" for path in SWIFT_FILES for name, line in named_types(path) if name not in known
    )
    assert not unknown, "no such type in the bindings, the project or APPLE_TYPES:\n" + "\n".join(unknown)


def generated_types():
    """{name: (node, src)} for every type the generated Swift declares at top level."""
    src = generated_swift().read_bytes()
    root = SWIFT.parse(src).root_node
    types = {}
    for n in root.children:
        # `extension X` parses as a class_declaration too; keep the declaration itself.
        if n.type == "class_declaration" and text(n.child_by_field_name("declaration_kind"), src) != "extension":
            types.setdefault(text(n.child_by_field_name("name"), src), (n, src))
    return types, src


def test_records_the_wrapper_builds_empty_have_defaults_for_every_field():
    types, src = generated_types()
    used = set()
    for path in (IOS / "Sources" / "Tally").glob("*.swift"):
        used |= set(re.findall(r"\b([A-Z]\w+)\(\)", path.read_text()))
    records = sorted(used & set(types))
    assert records, "the wrapper builds no generated record empty: is the pattern right?"
    missing = []
    for record in records:
        node, _ = types[record]
        for init in (c for c in walk(node) if c.type == "init_declaration"):
            parts = [c for c in init.children if c.type not in ("comment", "multiline_comment")]
            for i, part in enumerate(parts):
                if part.type == "parameter" and (i + 1 >= len(parts) or parts[i + 1].type != "="):
                    missing.append(f"{record}: {text(part.child_by_field_name('name'), src)}")
    assert not missing, "fields without a default, so `Record()` would not compile: " + ", ".join(missing)


def test_every_error_case_the_app_names_exists_in_the_bindings():
    types, src = generated_types()
    assert "TallyApiError" in types, "no TallyApiError in the generated Swift"
    node, _ = types["TallyApiError"]
    cases = {text(e.child_by_field_name("name"), src) for e in walk(node) if e.type == "enum_entry"}
    # Only the arms of the switch over TallyApiError (Strings.swift) name its cases.
    strings = (IOS / "App" / "Sources" / "Strings.swift").read_text()
    error_arms = {
        case
        for line in strings.splitlines()
        if line.strip().startswith("case .")
        for case in re.findall(r"\.(\w+)", line.split(":")[0])
    }
    assert error_arms, "Strings.swift maps no TallyApiError case"
    assert error_arms <= cases, f"not in the bindings: {sorted(error_arms - cases)} (they have {sorted(cases)})"


# ---- the app against the wrapper, and the core's views --------------------------------

WRAPPER = IOS / "Sources" / "Tally"
# How the app reaches the wrapper: the diary a session call hands its closure, the
# session's own diary, the static calls, and the lock policy AppModel keeps.
APP_RECEIVERS = {"diary": "TallyDiary", "session.diary": "TallyDiary", "TallyDiary": "TallyDiary", "policy": "LockPolicy"}


def wrapper_signatures():
    """{scope: {name: [[(label, has_default), ...], ...]}} for the wrapper's classes, structs
    and extensions; a parameter with a default may be left out of a call."""
    found = {}
    for path in sorted(WRAPPER.glob("*.swift")):
        src = path.read_bytes()
        for node in walk(SWIFT.parse(src).root_node):
            if node.type != "class_declaration":
                continue
            name = node.child_by_field_name("name")
            scope = text(name, src) if name is not None else next(
                (text(c, src) for c in node.children if c.type == "user_type"), ""
            )
            body = node.child_by_field_name("body")
            for member in body.children if body is not None else []:
                if member.type != "function_declaration":
                    continue
                parts = [c for c in member.children if c.type not in ("comment", "multiline_comment")]
                params = []
                for i, part in enumerate(parts):
                    if part.type == "parameter":
                        has_default = i + 1 < len(parts) and parts[i + 1].type == "="
                        params.append((labels([part], src)[0], has_default))
                method = text(member.child_by_field_name("name"), src)
                found.setdefault(scope, {}).setdefault(method, []).append(params)
    return found


def parameters(decl, src):
    """[(label, has_default)] of a function or initialiser declaration."""
    parts = [c for c in decl.children if c.type not in ("comment", "multiline_comment")]
    return [
        (labels([part], src)[0], i + 1 < len(parts) and parts[i + 1].type == "=")
        for i, part in enumerate(parts)
        if part.type == "parameter"
    ]


def generated_initialisers():
    """{record: [[(label, has_default), ...], ...]} for the generated records' public inits."""
    path = generated_swift()
    src = path.read_bytes()
    found = {}
    for node in SWIFT.parse(src).root_node.children:
        if node.type != "class_declaration" or text(node.child_by_field_name("declaration_kind"), src) != "struct":
            continue
        body = node.child_by_field_name("body")
        for member in body.children if body is not None else []:
            if member.type == "init_declaration" and b"public" in src[member.start_byte : member.end_byte].split(b"init", 1)[0]:
                found.setdefault(text(node.child_by_field_name("name"), src), []).append(parameters(member, src))
    return found


def app_calls(receivers):
    """(scope, method, labels, trailing closures, file, line) for every call the app makes
    through `receivers`."""
    return [
        (scope, method, names, closures, path, line)
        for path in APP_SWIFT
        for scope, method, names, closures, line in call_sites(path, receivers)
    ]


def fits(params, names, closures):
    """Whether a call with argument `names` and trailing `closures` fits `params`."""
    rest = list(params)
    for name in names:
        while rest and rest[0][0] != name and rest[0][1]:
            rest.pop(0)
        if not rest or rest[0][0] != name:
            return False
        rest.pop(0)
    # Trailing closures fill the last parameters; anything between must have a default.
    return len(rest) >= closures and all(has_default for _, has_default in rest[: len(rest) - closures])


def test_app_calls_the_wrapper_by_names_and_labels_it_declares():
    signatures = wrapper_signatures()
    assert "TallyDiary" in signatures and "LockPolicy" in signatures, f"read {sorted(signatures)} from the wrapper"
    wrong = []
    made = app_calls(APP_RECEIVERS)
    for scope, method, names, closures, path, line in made:
        declared = signatures.get(scope, {}).get(method)
        if declared is None:
            wrong.append(f"{rel(path)}:{line}: {scope} has no {method}")
        elif not any(fits(params, names, closures) for params in declared):
            wrong.append(f"{rel(path)}:{line}: {method}({':'.join(names)}:) does not fit {scope}.{method}{declared}")
    assert len(made) > 40, f"found only {len(made)} calls into the wrapper: is the parser reading the app?"
    assert not wrong, "\n".join(wrong)


def test_records_are_built_with_the_labels_their_initialisers_take():
    inits = generated_initialisers()
    assert {"IncidentDraft", "ExportOptions", "LockState"} <= set(inits), f"read only {sorted(inits)}"
    wrong = []
    built = 0
    for path in SWIFT_FILES:
        src = path.read_bytes()
        for node in walk(SWIFT.parse(src).root_node):
            if node.type != "call_expression" or node.children[0].type != "simple_identifier":
                continue
            record = text(node.children[0], src)
            if record not in inits or node.child_count < 2 or node.children[1].type != "call_suffix":
                continue
            built += 1
            names = argument_labels(node.children[1], src)
            if not any(fits(params, names, 0) for params in inits[record]):
                wrong.append(f"{rel(path)}:{node.start_point[0] + 1}: {record}({':'.join(names)}:) but it takes {inits[record]}")
    assert built > 10, f"found only {built} records built: is the parser reading the Swift?"
    assert not wrong, "\n".join(wrong)


def kotlin_view_calls():
    """The Kotlin wrapper's views and forms (its "views" and "forms" sections) and its
    import and export calls: what Android's screens draw and submit."""
    kotlin = (ROOT / "android" / "tally" / "src" / "main" / "kotlin" / "app" / "tally" / "TallyDiary.kt").read_text()
    start, end = kotlin.index("// ---- views"), kotlin.index("// ---- files and imports")
    section = set(re.findall(r"^\s*(?:suspend\s+)?fun\s+(\w+)\(", kotlin[start:end], re.M))
    return section | {"previewImport", "importWhatsApp", "importSms", "exportPack"}


def test_screens_call_every_view_and_form_the_kotlin_wrapper_offers():
    wanted = kotlin_view_calls()
    assert len(wanted) > 20, f"read only {sorted(wanted)} from the Kotlin wrapper"
    called = {method for scope, method, *_ in app_calls(APP_RECEIVERS) if scope == "TallyDiary"}
    missing = sorted(wanted - called)
    assert not missing, f"no screen calls {missing}, which Android's screens draw"


def test_the_app_locks_by_every_rule_of_the_cores_lock_policy():
    rules = set(wrapper_signatures()["LockPolicy"])
    called = {method for scope, method, *_ in app_calls(APP_RECEIVERS) if scope == "LockPolicy"}
    assert rules >= {"gate", "failed", "unlocked", "locked", "touched", "backgrounded", "foregrounded", "due"}, rules
    assert not rules - called, f"AppModel never asks the lock policy {sorted(rules - called)}"
    model = (IOS / "App" / "Sources" / "AppModel.swift").read_text()
    assert "policy.deadline" in model, "AppModel does not wait for the policy's deadline"


def test_every_unlock_is_held_to_the_head_this_phone_keeps():
    """An older copy of the diary put back in place is noticed only if every unlock hands
    the core the head this phone last verified, and every change stores the new one."""
    made = {(method, path.name) for scope, method, _, _, path, _ in app_calls(APP_RECEIVERS) if scope == "TallyDiary"}
    methods = {method for method, _ in made}
    assert {"unlockOnDevice", "unlockWithKeyOnDevice", "deviceHead"} <= methods, sorted(methods)
    plain = sorted(f"{name}: {method}" for method, name in made if method in ("unlock", "unlockWithKey"))
    assert not plain, f"unlocks that skip the device-kept head: {plain}"


# Anything that would turn a time into words, or read one: the core's TimeView.text and
# headings are what the screens show.
TIME_WORDS = re.compile(
    r"\b(DateFormatter|ISO8601DateFormatter|DateComponentsFormatter|DateIntervalFormatter|RelativeDateTimeFormatter"
    r"|FormatStyle|timeIntervalSince1970|TimeZone\.current|TimeZone\(identifier)\b|\.formatted\(|style:\s*\.(date|time|relative|offset|timer)\b"
)


CLOCK = IOS / "App" / "Sources" / "Platform" / "WallClock.swift"
# Only the pickers' carrier may work out a calendar date, and it shows nothing.
CALENDAR = re.compile(r"\b(Calendar|DateComponents|WallClock\.)")


def code_lines_matching(pattern, paths):
    """"file:line: code" for every line of `paths` whose code (comments left out) matches."""
    return [
        f"{rel(path)}:{n}: {line.strip()}"
        for path in paths
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line.split("//", 1)[0])
    ]


def test_no_screen_words_or_reads_an_evidence_time_itself():
    found = code_lines_matching(TIME_WORDS, APP_SWIFT) + code_lines_matching(CALENDAR, [p for p in APP_SWIFT if p != CLOCK])
    assert not found, "times are worded and read by the core (TimeView.text), not the screens:\n" + "\n".join(found)


# Rules a form obeys belong to the core's review: no lengths, patterns or trimming here.
RULES = re.compile(
    r"\.count\s*[<>]=?\s*\d|\d\s*[<>]=?\s*\w+\.count|NSRegularExpression|\bRegex\b|\.regularExpression"
    r"|trimmingCharacters|\.whitespaces|NSPredicate|\.prefix\(\d"
)


def test_no_screen_holds_a_rule_the_cores_review_decides():
    # The pickers' carrier reads back the draft's own "2024-03-01" and "21:30"; it decides
    # nothing about them.
    found = code_lines_matching(RULES, [p for p in APP_SWIFT if p != CLOCK])
    assert not found, "validation is the core's (review_*), shown as its field errors:\n" + "\n".join(found)


def test_every_field_a_form_draws_shows_the_cores_errors_beside_it():
    """A form lists the fields it draws (`shown`), and the errors of any other field are
    listed under it; so each field listed must have its own errors view, or its errors
    would be hidden."""
    checked = 0
    wrong = []
    for path in sorted((IOS / "App" / "Sources" / "Screens").glob("*.swift")):
        src = path.read_bytes()
        for node in walk(SWIFT.parse(src).root_node):
            if node.type != "class_declaration" or node.child_by_field_name("name") is None:
                continue
            body = text(node, src)
            shown = re.search(r"(?:static let shown: \[Field\] =|static func shown\(full: Bool\) -> \[Field\] \{)(.*?)(?:\n\n|\n    \})", body, re.S)
            if not shown:
                continue
            checked += 1
            name = text(node.child_by_field_name("name"), src)
            for field in sorted(set(re.findall(r"\.(\w+)\b", shown.group(1))) - {"shown"}):
                if not re.search(rf"field: \.{field}\)", body):
                    wrong.append(f"{rel(path)}: {name} draws .{field} but shows none of its errors")
    assert checked >= 4, f"found only {checked} forms that list their fields"
    assert not wrong, "\n".join(wrong)


def test_failed_unlocks_never_wipe_anything():
    """The core slows failed unlocks down and never wipes; the app must not add a wipe of
    its own. Only the lock policy's persistence reads the count of failures, and nothing
    but temporary files, inbox copies and a shared pack is ever deleted."""
    allowed = {"ProtectedFolder.swift", "SharedInbox.swift", "ShareSheet.swift"}
    found = []
    for path in APP_SWIFT:
        source = path.read_text()
        if "failedAttempts" in source and path.name != "Preferences.swift":
            found.append(f"{rel(path)} reads the count of failed unlocks")
        if re.search(r"\bremoveItem\(|\bunlink\(|\bremove\(atPath", source) and path.name not in allowed:
            found.append(f"{rel(path)} deletes files")
    assert not found, "\n".join(found)


# ---- strings -----------------------------------------------------------------------------

KEY = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
SHOWS_TEXT = re.compile(
    r"\b(?:Text|Button|Label|Toggle|Section|TextField|SecureField|Picker|NavigationLink|navigationTitle)\(\s*\"([^\"]*)\""
)


def string_literals(path):
    src = path.read_bytes()
    for node in walk(SWIFT.parse(src).root_node):
        if node.type == "line_string_literal":
            yield text(node, src).strip('"'), node.start_point[0] + 1


def test_every_string_key_the_app_uses_is_in_the_catalog_in_english():
    strings = catalog("Localizable.xcstrings")
    missing = []
    used = 0
    for path in APP_SWIFT:
        for literal, line in string_literals(path):
            if KEY.match(literal):
                used += 1
                entry = strings.get(literal, {}).get("localizations", {}).get("en")
                if entry is None:
                    missing.append(f"{rel(path)}:{line}: {literal}")
    assert used > 40, f"only {used} keys found: is the parser reading the app?"
    assert not missing, "keys with no English text in Localizable.xcstrings:\n" + "\n".join(missing)


def test_no_screen_shows_hard_coded_english():
    found = []
    for path in APP_SWIFT:
        for n, line in enumerate(path.read_text().splitlines(), 1):
            for literal in SHOWS_TEXT.findall(line):
                if not KEY.match(literal):
                    found.append(f"{rel(path)}:{n}: \"{literal}\"")
    assert not found, "shown text must be a catalog key (Text(verbatim:) for non-words):\n" + "\n".join(found)


def test_welsh_drafts_are_all_marked_for_review():
    for name in ("Localizable.xcstrings", "InfoPlist.xcstrings"):
        unreviewed = [
            k for k, v in catalog(name).items() if v["localizations"].get("cy", {}).get("stringUnit", {}).get("state") not in (None, "needs_review")
        ]
        welsh = [k for k, v in catalog(name).items() if "cy" in v["localizations"]]
        assert welsh, f"{name} has no Welsh drafts"
        assert not unreviewed, f"{name}: Welsh not marked needs_review: {unreviewed}"


def test_every_key_in_the_catalog_is_used():
    used = {literal for path in APP_SWIFT for literal, _ in string_literals(path)}
    unused = sorted(set(catalog("Localizable.xcstrings")) - used)
    assert not unused, f"keys no screen uses (the core's views word these now, or they went): {unused}"


FORMAT = re.compile(r"%(?:\d+\$)?(?:lld|ld|d|@|f)")


def test_every_translation_takes_the_same_arguments_as_the_english():
    wrong = []
    for key, entry in catalog("Localizable.xcstrings").items():
        english = sorted(FORMAT.findall(entry["localizations"]["en"]["stringUnit"]["value"]))
        for language, loc in entry["localizations"].items():
            if sorted(FORMAT.findall(loc["stringUnit"]["value"])) != english:
                wrong.append(f"{key} ({language}): {loc['stringUnit']['value']!r}")
    assert not wrong, "a translation whose arguments differ would show the wrong number or crash:\n" + "\n".join(wrong)


def android_strings(folder):
    import xml.etree.ElementTree as ET

    out = {}
    for s in ET.parse(ROOT / "android" / "app" / "src" / "main" / "res" / folder / "strings.xml").getroot().iter("string"):
        value = (s.text or "").replace("\\'", "'").replace('\\"', '"')
        value = re.sub(r"%(\d+)\$d", r"%\1$lld", value)
        out[s.get("name")] = re.sub(r"%(\d+)\$s", r"%\1$@", value)
    return out


def test_keys_shared_with_android_say_what_android_says():
    android = android_strings("values")
    different = []
    for key, entry in catalog("Localizable.xcstrings").items():
        if key in android:
            ours = entry["localizations"]["en"]["stringUnit"]["value"]
            if ours != android[key]:
                different.append(f"{key}: iOS {ours!r}, Android {android[key]!r}")
    assert not different, "\n".join(different)


# ---- what the permission alerts and the share sheet say ----------------------------------

# Words that would tell someone holding the phone what the app is for.
REVEALING = re.compile(r"tally|stalk|abuse|evidence|police|diary|harass", re.I)
USAGE_KEYS = ("NSCameraUsageDescription", "NSPhotoLibraryUsageDescription", "NSFaceIDUsageDescription")


def test_permission_alerts_never_say_what_the_app_is_for():
    info = plist(RESOURCES / "Info.plist")
    translations = catalog("InfoPlist.xcstrings")
    for key in USAGE_KEYS:
        assert key in info, f"Info.plist has no {key}"
        texts = [info[key]] + [loc["stringUnit"]["value"] for loc in translations[key]["localizations"].values()]
        for t in texts:
            assert not REVEALING.search(t), f"{key} says {t!r}"
        assert translations[key]["localizations"]["en"]["stringUnit"]["value"] == info[key], f"{key}: Info.plist and InfoPlist.xcstrings differ"


def test_the_app_posts_no_notifications_and_logs_nothing():
    offending = []
    for path in APP_SWIFT + sorted((IOS / "Sources").rglob("*.swift")):
        if "Generated" in path.parts:
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\bimport (UserNotifications|os)\b|UNUserNotificationCenter|\bprint\(|\bNSLog\(|\bos_log\(|\bLogger\(", line):
                offending.append(f"{rel(path)}:{n}: {line.strip()}")
    assert not offending, "\n".join(offending)


# ---- files: protected, out of backups, nowhere else --------------------------------------

FILE_WRITES = re.compile(r"\.createDirectory\(|\.createFile\(|\.write\(to:|\.copyItem\(|\.moveItem\(")


def test_files_are_made_only_by_protected_folder_and_always_complete():
    owner = IOS / "Shared" / "ProtectedFolder.swift"
    elsewhere = []
    for path in APP_SWIFT:
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if FILE_WRITES.search(line) and path != owner:
                elsewhere.append(f"{rel(path)}:{n}: {line.strip()}")
    assert not elsewhere, "files made outside ProtectedFolder:\n" + "\n".join(elsewhere)
    lines = owner.read_text().splitlines()
    for n, line in enumerate(lines, 1):
        if FILE_WRITES.search(line):
            following = " ".join(lines[n - 1 : n + 3])
            assert "complete" in following, f"{rel(owner)}:{n} makes a file without complete protection"
    source = owner.read_text()
    assert "isExcludedFromBackup = true" in source


def test_app_and_share_extension_share_one_group_and_complete_protection():
    app = plist(RESOURCES / "Tally.entitlements")
    share = plist(IOS / "ShareExtension" / "TallyShare.entitlements")
    for name, ent in (("app", app), ("share extension", share)):
        assert ent.get("com.apple.developer.default-data-protection") == "NSFileProtectionComplete", name
    groups = app["com.apple.security.application-groups"]
    assert groups == share["com.apple.security.application-groups"] and len(groups) == 1
    for info in (RESOURCES / "Info.plist", IOS / "ShareExtension" / "Info.plist"):
        assert plist(info)["TallyAppGroup"] == groups[0], f"{rel(info)}: TallyAppGroup is not the entitled group"


def test_nothing_is_shared_with_the_files_app_or_a_computer():
    info = plist(RESOURCES / "Info.plist")
    assert info.get("UIFileSharingEnabled") is False
    assert info.get("LSSupportsOpeningDocumentsInPlace") is False
    assert "UIBackgroundModes" not in info


def test_keychain_item_is_this_device_only_and_needs_the_current_biometrics():
    source = (IOS / "App" / "Sources" / "Platform" / "BiometricKeychain.swift").read_text()
    assert "kSecAttrAccessibleWhenUnlockedThisDeviceOnly" in source
    assert ".biometryCurrentSet" in source
    assert "kSecAttrSynchronizable" not in source or "kSecAttrSynchronizable as String: false" in source
    assert ".deviceOwnerAuthenticationWithBiometrics" in source and ".deviceOwnerAuthentication," not in source


# ---- privacy manifests -------------------------------------------------------------------


def test_privacy_manifests_declare_no_tracking_and_the_reasons_the_library_needs():
    app = plist(RESOURCES / "PrivacyInfo.xcprivacy")
    share = plist(IOS / "ShareExtension" / "PrivacyInfo.xcprivacy")
    for manifest in (app, share):
        assert manifest["NSPrivacyTracking"] is False
        assert manifest["NSPrivacyCollectedDataTypes"] == []
    reasons = {a["NSPrivacyAccessedAPIType"]: a["NSPrivacyAccessedAPITypeReasons"] for a in app["NSPrivacyAccessedAPITypes"]}
    # SQLite and Rust's std stat() files; Rust's Instant reads mach_absolute_time; settings
    # live in UserDefaults.
    assert reasons == {
        "NSPrivacyAccessedAPICategoryFileTimestamp": ["C617.1"],
        "NSPrivacyAccessedAPICategorySystemBootTime": ["35F9.1"],
        "NSPrivacyAccessedAPICategoryUserDefaults": ["CA92.1"],
    }


# ---- the project spec --------------------------------------------------------------------


def spec():
    return yaml.safe_load((IOS / "project.yml").read_text())


def test_project_spec_names_only_files_that_exist():
    missing = []
    for name, target in spec()["targets"].items():
        for source in target["sources"]:
            path = source["path"] if isinstance(source, dict) else source
            if not (IOS / path).exists():
                missing.append(f"{name}: source {path}")
            for excluded in source.get("excludes", []) if isinstance(source, dict) else []:
                if not (IOS / path / excluded).exists():
                    missing.append(f"{name}: excluded {path}/{excluded}")
        for setting in ("INFOPLIST_FILE", "CODE_SIGN_ENTITLEMENTS"):
            value = target["settings"]["base"][setting]
            if not (IOS / value).is_file():
                missing.append(f"{name}: {setting} {value}")
    for name, package in spec()["packages"].items():
        if not (IOS / package["path"] / "Package.swift").is_file():
            missing.append(f"package {name}: {package['path']}/Package.swift")
    assert not missing, "\n".join(missing)


def test_project_and_build_script_agree_on_the_minimum_ios():
    minimum = spec()["options"]["deploymentTarget"]["iOS"]
    script = (IOS / "build-xcframework.sh").read_text()
    assert f"IPHONEOS_DEPLOYMENT_TARGET:-{minimum}" in script
    package = (IOS / "Package.swift").read_text()
    assert f".iOS(.v{minimum.split('.')[0]})" in package


def png_size_and_alpha(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{rel(path)} is not a PNG"
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    return (width, height), colour in (4, 6)


def test_each_disguise_has_an_opaque_icon_the_asset_compiler_is_told_about():
    source = (IOS / "App" / "Sources" / "Platform" / "Disguise.swift").read_text()
    names = re.findall(r'return "(AppIcon-\w+)"', source)
    assert len(names) == 3, f"expected three alternate icons in Disguise.swift, found {names}"
    settings = spec()["targets"]["Tally"]["settings"]["base"]
    assert settings["ASSETCATALOG_COMPILER_ALTERNATE_APPICON_NAMES"].split() == names
    assets = RESOURCES / "Assets.xcassets"
    for name in ["AppIcon"] + names:
        contents = json.loads((assets / f"{name}.appiconset" / "Contents.json").read_text())
        image = contents["images"][0]
        assert image["size"] == "1024x1024"
        size, alpha = png_size_and_alpha(assets / f"{name}.appiconset" / image["filename"])
        assert size == (1024, 1024) and not alpha, f"{name}: app icons must be 1024 x 1024 and opaque"


def test_share_extension_accepts_chat_exports_and_images():
    ext = plist(IOS / "ShareExtension" / "Info.plist")["NSExtension"]
    assert ext["NSExtensionPointIdentifier"] == "com.apple.share-services"
    assert ext["NSExtensionPrincipalClass"].endswith(".ShareViewController")
    rule = ext["NSExtensionAttributes"]["NSExtensionActivationRule"]
    assert rule["NSExtensionActivationSupportsFileWithMaxCount"] >= 1
    assert rule["NSExtensionActivationSupportsImageWithMaxCount"] >= 1
    # The extension stays small: it must not link the Rust library.
    target = spec()["targets"]["TallyShare"]
    assert not any("package" in d for d in target.get("dependencies", []))


# ---- the build script --------------------------------------------------------------------


def test_build_script_is_valid_bash_and_passes_shellcheck():
    script = IOS / "build-xcframework.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    shellcheck = shutil.which("shellcheck")
    assert shellcheck, "shellcheck is missing (scripts/test-ios.sh installs it)"
    result = subprocess.run([shellcheck, str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_build_script_makes_the_three_slices_and_generates_before_stripping():
    script = (IOS / "build-xcframework.sh").read_text()
    assert re.search(r"^DEVICE=aarch64-apple-ios$", script, re.M), "the device slice is not arm64"
    simulators = re.search(r"^SIMULATORS=\((.*)\)$", script, re.M)
    assert simulators and simulators.group(1).split() == ["aarch64-apple-ios-sim", "x86_64-apple-ios"]
    generate = script.index("uniffi-bindgen\" generate")
    strip = script.index('strip -S "$a"')
    assert generate < strip, "bindings must be generated from the unstripped library"
    assert "lipo -create" in script and "-create-xcframework" in script


# ---- parity with the Kotlin wrapper ------------------------------------------------------


def test_swift_wrapper_offers_every_call_the_kotlin_wrapper_does():
    kotlin = (ROOT / "android" / "tally" / "src" / "main" / "kotlin" / "app" / "tally" / "TallyDiary.kt").read_text()
    # `override fun` are the progress listener's and AutoCloseable's, not the API.
    kotlin_calls = set(re.findall(r"^\s*(?:suspend\s+)?fun\s+(\w+)\(", kotlin, re.M)) - {"call"}
    # The wrapper is TallyDiary.swift and its extensions (KeepSafe.swift, ...): a function is
    # offered when it is public itself or declared inside a `public extension`.
    swift_calls = set()
    for path in (IOS / "Sources" / "Tally").glob("*.swift"):
        src = path.read_bytes()
        for node in walk(SWIFT.parse(src).root_node):
            public = node.type == "function_declaration" and b"public" in src[node.start_byte : node.end_byte].split(b"func")[0]
            if node.type == "class_declaration" and src[node.start_byte : node.end_byte].startswith(b"public extension"):
                body = node.child_by_field_name("body")
                for member in body.children if body is not None else []:
                    if member.type == "function_declaration":
                        swift_calls.add(text(member.child_by_field_name("name"), src))
            elif public:
                swift_calls.add(text(node.child_by_field_name("name"), src))
    assert len(kotlin_calls) > 20, f"read only {sorted(kotlin_calls)} from the Kotlin wrapper"
    missing = sorted(kotlin_calls - swift_calls)
    assert not missing, f"the Kotlin wrapper has {missing}; add them to ios/Sources/Tally"
