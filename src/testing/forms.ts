// Reads a form out of a rendered page the way a browser submits it: every
// successful control with its current value, nothing added or left out.
import { DomUtils, parseDocument } from 'htmlparser2';

type El = ReturnType<typeof DomUtils.findAll>[number];

/**
 * The fields a browser would post for the form whose `action` is `action`
 * (the first one when several match): inputs with their value (checkboxes and
 * radios only when checked), each select's selected option (else its first),
 * textareas' text. Disabled controls and buttons are left out, as browsers do.
 */
export function formAsRendered(html: string, action: string): Record<string, string> {
  const doc = parseDocument(html);
  const form = DomUtils.findOne((e) => e.name === 'form' && (e.attribs.action ?? '') === action, doc.children, true);
  if (!form) throw new Error(`no form with action ${action}`);
  const out: Record<string, string> = {};
  const controls = DomUtils.findAll((e) => ['input', 'select', 'textarea'].includes(e.name), form.children);
  for (const el of controls) {
    const name = el.attribs.name;
    if (!name || 'disabled' in el.attribs) continue;
    if (el.name === 'input') {
      const type = (el.attribs.type ?? 'text').toLowerCase();
      if (['submit', 'button', 'reset', 'image', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in el.attribs)) continue;
      out[name] = el.attribs.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '');
    } else if (el.name === 'select') {
      const options = DomUtils.findAll((e) => e.name === 'option', el.children);
      const chosen = options.find((o) => 'selected' in o.attribs) ?? options[0];
      if (chosen) out[name] = optionValue(chosen);
    } else {
      out[name] = DomUtils.textContent(el).replace(/^\r?\n/, '');
    }
  }
  return out;
}

function optionValue(o: El): string {
  return o.attribs.value ?? DomUtils.textContent(o);
}
