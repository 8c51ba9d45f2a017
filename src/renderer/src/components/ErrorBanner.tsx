export interface BannerError {
  id: number;
  title: string;
  message: string;
  issues: string[];
}

export function ErrorBanner({ errors, onDismiss }: { errors: BannerError[]; onDismiss: (id: number) => void }) {
  if (errors.length === 0) return null;
  return (
    <div className="banners">
      {errors.map((e) => (
        <div key={e.id} className="banner banner-error" role="alert">
          <div className="banner-body">
            <strong>{e.title}</strong> <span>{e.message}</span>
            {e.issues.length > 1 && (
              <ul className="banner-issues">
                {e.issues.map((issue, i) => (
                  <li key={i}>{issue}</li>
                ))}
              </ul>
            )}
          </div>
          <button type="button" className="banner-close" aria-label="Dismiss" onClick={() => onDismiss(e.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
