import { limitOptions } from '../../../../nodes/core/descriptions/limits';
import { requestOptions } from '../../../../nodes/core/descriptions/options';
import { REQUEST_OPTION_DEFAULTS } from '../../../../nodes/core/item/settings';

test('the request loop uses the defaults the editor shows for every request option', () => {
	const shown = Object.fromEntries(
		[...requestOptions, ...limitOptions].map((option) => [option.name, option.default]),
	);
	expect(REQUEST_OPTION_DEFAULTS).toEqual(shown);
});
