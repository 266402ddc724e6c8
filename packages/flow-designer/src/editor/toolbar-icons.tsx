import type { ReactNode } from 'react';

/*
 * The toolbar's icons, drawn in SVG with the text colour. Not characters: symbols such as ✂ or 🗑 are
 * drawn from whatever font the system has for them (different on every machine, missing on some),
 * and looking those fonts up (emoji, CJK) delayed the page's first layout by some 15 ms.
 */

function Icon({ children }: { readonly children: ReactNode }) {
  return (
    <svg
      className="rf-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** The icon of each toolbar command. */
export const TOOLBAR_ICONS = {
  undo: (
    <Icon>
      <path d="M4 7h6a3 3 0 0 1 0 6H7" />
      <path d="M6.5 4.5 4 7l2.5 2.5" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="M12 7H6a3 3 0 0 0 0 6h3" />
      <path d="M9.5 4.5 12 7 9.5 9.5" />
    </Icon>
  ),
  cut: (
    <Icon>
      <circle cx="4.5" cy="12" r="2" />
      <circle cx="11.5" cy="12" r="2" />
      <path d="M6 10.5 12 2M10 10.5 4 2" />
    </Icon>
  ),
  copy: (
    <Icon>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1" />
      <path d="M3 10.5V3.5a1 1 0 0 1 1-1h6.5" />
    </Icon>
  ),
  paste: (
    <Icon>
      <rect x="3" y="3" width="10" height="11" rx="1" />
      <path d="M6 3V1.75h4V3M5.5 7h5M5.5 10h5" />
    </Icon>
  ),
  duplicate: (
    <Icon>
      <rect x="2" y="2" width="8" height="8" rx="1" />
      <rect x="6" y="6" width="8" height="8" rx="1" />
    </Icon>
  ),
  delete: (
    <Icon>
      <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.75 9.5h6.5L12 4M6.75 6.5v4.5M9.25 6.5v4.5" />
    </Icon>
  ),
  layout: (
    <Icon>
      <rect x="2" y="2" width="5" height="5" rx="0.5" />
      <rect x="9" y="2" width="5" height="5" rx="0.5" />
      <rect x="2" y="9" width="5" height="5" rx="0.5" />
      <rect x="9" y="9" width="5" height="5" rx="0.5" />
    </Icon>
  ),
} as const;
