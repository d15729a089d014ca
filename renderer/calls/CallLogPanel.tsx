export function CallLogPanel() {
  return (
    <form aria-label="상담 기록" onSubmit={(e) => e.preventDefault()}>
      <button type="submit">저장</button>
    </form>
  );
}
