#include "core/mail/html/HtmlBodySlots.h"

#include <gumbo.h>

#include <memory>

namespace {

const GumboNode* childElement(const GumboNode* parent, GumboTag tag)
{
    if (parent == nullptr || parent->type != GUMBO_NODE_ELEMENT) {
        return nullptr;
    }
    const GumboVector& children = parent->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(children.data[i]);
        if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == tag) {
            return child;
        }
    }
    return nullptr;
}

// Gumbo counts positions in bytes of the UTF-8 it was given.
qsizetype indexOfByte(const QByteArray& utf8, size_t byteOffset)
{
    const qsizetype clamped = std::min<qsizetype>(qsizetype(byteOffset), utf8.size());
    return QString::fromUtf8(utf8.constData(), clamped).size();
}

} // namespace

HtmlBodySlots HtmlBodySlots::find(const QString& html)
{
    const QByteArray utf8 = html.toUtf8();
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, utf8.constData(), size_t(utf8.size())),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    HtmlBodySlots slots{0, html.size()};
    const GumboNode* root = output ? output->root : nullptr;
    const GumboNode* body = childElement(root, GUMBO_TAG_BODY);
    if (body == nullptr) {
        return slots;
    }
    const GumboElement& element = body->v.element;
    if (element.original_tag.length > 0) {
        slots.bodyStart = indexOfByte(utf8, element.start_pos.offset + element.original_tag.length);
    } else if (element.children.length > 0) {
        // An implied <body>: its content starts with its first node.
        const auto* first = static_cast<const GumboNode*>(element.children.data[0]);
        const GumboSourcePosition& pos =
            first->type == GUMBO_NODE_ELEMENT ? first->v.element.start_pos : first->v.text.start_pos;
        slots.bodyStart = indexOfByte(utf8, pos.offset);
    } else {
        slots.bodyStart = html.size();
    }
    if (element.original_end_tag.length > 0) {
        slots.bodyEnd = indexOfByte(utf8, element.end_pos.offset);
    } else if (root->v.element.original_end_tag.length > 0) {
        slots.bodyEnd = indexOfByte(utf8, root->v.element.end_pos.offset);
    }
    slots.bodyEnd = std::max(slots.bodyEnd, slots.bodyStart);
    return slots;
}
