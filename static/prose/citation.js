// The "Cite" button of the prose editor: an inline mark that names one of the article's references by its citation
// key. It is stored as an empty <sup data-cite="KEY"></sup>; the reader page turns it into a numbered link
// (articles/citations.py). The keys offered are those in the references rows of the same admin form.
import { mergeAttributes, Node, updateAttrsDialog } from "django-prose-editor/editor"

const referenceKeys = () =>
  Array.from(document.querySelectorAll('input[name^="references-"][name$="-key"]'))
    .filter((input) => {
      const row = input.closest(".form-row, tr")
      const deleted = row?.querySelector('input[name$="-DELETE"]')
      return input.value.trim() && !deleted?.checked
    })
    .map((input) => input.value.trim())

export const Citation = Node.create({
  name: "citation",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,

  addAttributes() {
    return {
      key: {
        default: "",
        parseHTML: (element) => element.getAttribute("data-cite") || "",
        renderHTML: (attributes) => ({ "data-cite": attributes.key }),
      },
    }
  },

  // Above the Superscript mark, which would otherwise take the <sup> as plain superscript text.
  parseHTML: () => [{ tag: "sup[data-cite]", priority: 100 }],

  renderHTML({ HTMLAttributes }) {
    return ["sup", mergeAttributes(HTMLAttributes)]
  },

  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("sup")
      dom.className = "prose-citation"
      dom.dataset.cite = node.attrs.key
      dom.textContent = `[${node.attrs.key}]`
      dom.title = "Citation of the reference with this key"
      return { dom }
    }
  },

  addCommands() {
    return {
      insertCitation:
        (key) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { key } }),
    }
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "citation",
      groups: "nodes",
      button: buttons.material("format_quote", "Cite a reference"),
      command(editor) {
        const keys = referenceKeys()
        const field = keys.length
          ? { type: "string", title: "Reference", enum: keys }
          : {
              type: "string",
              title: "Citation key",
              description: "Give the reference a citation key below (or save once), then cite it here.",
            }
        updateAttrsDialog({ key: field }, { title: "Cite a reference", submitText: "Insert citation" })(editor, {
          key: keys[0] || "",
        }).then((attrs) => {
          const key = attrs?.key?.trim()
          if (key) editor.chain().focus().insertCitation(key).run()
        })
      },
      enabled: (editor) => editor.isEditable,
    })
  },
})
